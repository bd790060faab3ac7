/// The caches triggers keep, as SQLite's do: stock from the ledger (`inventory_ledger_apply`; the
/// `CHECK (stock >= 0)` on `variants` then refuses an oversell with SQLSTATE 23514, a CHECK failure on
/// both backends), units sold (`inventory_ledger_units_sold`), a product's price range and stock total
/// over its live variants (`variants_cache_*`) and its rating over its visible reviews (`reviews_rating_*`).
let postgresStockTriggers = #"""
CREATE FUNCTION curio_inventory_ledger_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE variants SET stock = stock + new.delta, updated_at = new.created_at WHERE id = new.variant_id;
    RETURN NULL;
END $$;
CREATE TRIGGER inventory_ledger_apply AFTER INSERT ON inventory_ledger
    FOR EACH ROW EXECUTE FUNCTION curio_inventory_ledger_apply();

CREATE FUNCTION curio_inventory_ledger_units_sold() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE products SET units_sold = GREATEST(0, units_sold - new.delta)
    WHERE id = (SELECT product_id FROM variants WHERE id = new.variant_id);
    RETURN NULL;
END $$;
CREATE TRIGGER inventory_ledger_units_sold AFTER INSERT ON inventory_ledger
    FOR EACH ROW WHEN (new.reason IN ('sale', 'cancellation', 'return'))
    EXECUTE FUNCTION curio_inventory_ledger_units_sold();

CREATE FUNCTION curio_variants_cache() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    affected BIGINT[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        affected := ARRAY[new.product_id];
    ELSIF TG_OP = 'DELETE' THEN
        affected := ARRAY[old.product_id];
    ELSE
        affected := ARRAY[new.product_id, old.product_id];
    END IF;
    UPDATE products p SET
        price_min   = coalesce((SELECT min(v.price) FROM variants v WHERE v.product_id = p.id AND v.archived = 0), 0),
        price_max   = coalesce((SELECT max(v.price) FROM variants v WHERE v.product_id = p.id AND v.archived = 0), 0),
        stock_total = coalesce((SELECT sum(v.stock) FROM variants v WHERE v.product_id = p.id AND v.archived = 0), 0)
    WHERE p.id = ANY (affected);
    RETURN NULL;
END $$;
CREATE TRIGGER variants_cache_insert AFTER INSERT ON variants
    FOR EACH ROW EXECUTE FUNCTION curio_variants_cache();
CREATE TRIGGER variants_cache_update AFTER UPDATE OF price, stock, archived, product_id ON variants
    FOR EACH ROW EXECUTE FUNCTION curio_variants_cache();
CREATE TRIGGER variants_cache_delete AFTER DELETE ON variants
    FOR EACH ROW EXECUTE FUNCTION curio_variants_cache();

CREATE FUNCTION curio_reviews_rating() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- OLD is unset on INSERT and NEW on DELETE, so TG_OP is tested first.
    IF TG_OP <> 'INSERT' THEN
        IF old.hidden = 0 THEN
            UPDATE products SET rating_sum = rating_sum - old.rating, rating_count = rating_count - 1 WHERE id = old.product_id;
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF new.hidden = 0 THEN
            UPDATE products SET rating_sum = rating_sum + new.rating, rating_count = rating_count + 1 WHERE id = new.product_id;
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER reviews_rating_insert AFTER INSERT ON reviews
    FOR EACH ROW WHEN (new.hidden = 0) EXECUTE FUNCTION curio_reviews_rating();
CREATE TRIGGER reviews_rating_update AFTER UPDATE OF rating, product_id, hidden ON reviews
    FOR EACH ROW EXECUTE FUNCTION curio_reviews_rating();
CREATE TRIGGER reviews_rating_delete AFTER DELETE ON reviews
    FOR EACH ROW WHEN (old.hidden = 0) EXECUTE FUNCTION curio_reviews_rating();
"""#
