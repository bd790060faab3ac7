/// Version 3's report summaries, kept as SQLite's triggers keep them: an order counts on its placed UTC
/// day unless its payment failed (`sales_daily_order_*`, `product_sales_daily_line_insert`); a refund
/// counts on the day it succeeded (`sales_daily_refund_*`).
let postgresReportTriggers = #"""
CREATE FUNCTION curio_sales_daily_order_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO sales_daily AS s (day, orders, revenue) VALUES (new.placed_at / 86400000, 1, new.total)
    ON CONFLICT (day) DO UPDATE SET orders = s.orders + 1, revenue = s.revenue + excluded.revenue;
    RETURN NULL;
END $$;
CREATE TRIGGER sales_daily_order_insert AFTER INSERT ON orders
    FOR EACH ROW WHEN (new.payment_status <> 'failed') EXECUTE FUNCTION curio_sales_daily_order_insert();

-- An order moved between days, changed its total, or its payment failed or recovered: take it out of
-- its old day (with its lines) and count it again on its new one.
CREATE FUNCTION curio_sales_daily_order_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF old.payment_status <> 'failed' THEN
        \#(salesDailyOrderOut)
        \#(productSalesDailyOrderOut)
    END IF;
    IF new.payment_status <> 'failed' THEN
        \#(salesDailyOrderIn)
        \#(productSalesDailyOrderIn)
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER sales_daily_order_update AFTER UPDATE OF payment_status, total, placed_at ON orders
    FOR EACH ROW WHEN ((old.payment_status <> 'failed') <> (new.payment_status <> 'failed')
                       OR old.total <> new.total OR old.placed_at <> new.placed_at)
    EXECUTE FUNCTION curio_sales_daily_order_update();

CREATE FUNCTION curio_product_sales_daily_line_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO product_sales_daily AS s (day, product_id, units, revenue)
    SELECT o.placed_at / 86400000, new.product_id, new.quantity, new.line_total FROM orders o
    WHERE o.id = new.order_id AND o.payment_status <> 'failed'
    ON CONFLICT (day, product_id) DO UPDATE SET units = s.units + excluded.units, revenue = s.revenue + excluded.revenue;
    RETURN NULL;
END $$;
CREATE TRIGGER product_sales_daily_line_insert AFTER INSERT ON order_lines
    FOR EACH ROW WHEN (new.product_id IS NOT NULL) EXECUTE FUNCTION curio_product_sales_daily_line_insert();

CREATE FUNCTION curio_sales_daily_refund() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO sales_daily AS s (day, refunds) VALUES (new.updated_at / 86400000, new.amount)
    ON CONFLICT (day) DO UPDATE SET refunds = s.refunds + excluded.refunds;
    RETURN NULL;
END $$;
CREATE TRIGGER sales_daily_refund_insert AFTER INSERT ON payments
    FOR EACH ROW WHEN (new.kind = 'refund' AND new.status = 'succeeded') EXECUTE FUNCTION curio_sales_daily_refund();
CREATE TRIGGER sales_daily_refund_update AFTER UPDATE OF status ON payments
    FOR EACH ROW WHEN (new.kind = 'refund' AND new.status = 'succeeded' AND old.status <> 'succeeded')
    EXECUTE FUNCTION curio_sales_daily_refund();
"""#

/// An order taken out of its old day's `sales_daily` row, as `curio_sales_daily_order_update` runs it
/// (OLD is the order before the change).
let salesDailyOrderOut = """
    UPDATE sales_daily SET orders = orders - 1, revenue = revenue - old.total WHERE day = old.placed_at / 86400000;
    """
/// An order counted on its new day's `sales_daily` row (NEW is the order after the change).
let salesDailyOrderIn = """
    INSERT INTO sales_daily AS s (day, orders, revenue) VALUES (new.placed_at / 86400000, 1, new.total)
        ON CONFLICT (day) DO UPDATE SET orders = s.orders + 1, revenue = s.revenue + excluded.revenue;
    """
/// An order's lines taken out of their old day's `product_sales_daily` rows.
let productSalesDailyOrderOut = """
    INSERT INTO product_sales_daily AS s (day, product_id, units, revenue)
        SELECT old.placed_at / 86400000, l.product_id, -sum(l.quantity), -sum(l.line_total) FROM order_lines l
        WHERE l.order_id = old.id AND l.product_id IS NOT NULL GROUP BY l.product_id
        ON CONFLICT (day, product_id) DO UPDATE SET units = s.units + excluded.units, revenue = s.revenue + excluded.revenue;
    """
/// An order's lines counted on their new day's `product_sales_daily` rows.
let productSalesDailyOrderIn = """
    INSERT INTO product_sales_daily AS s (day, product_id, units, revenue)
        SELECT new.placed_at / 86400000, l.product_id, sum(l.quantity), sum(l.line_total) FROM order_lines l
        WHERE l.order_id = new.id AND l.product_id IS NOT NULL GROUP BY l.product_id
        ON CONFLICT (day, product_id) DO UPDATE SET units = s.units + excluded.units, revenue = s.revenue + excluded.revenue;
    """
