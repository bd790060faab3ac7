/// Schema version 3: summary tables for the back office's reports, kept by triggers, with a backfill
/// of the orders already in the file, plus the indexes the dashboard reads and hidden reviews.
///
/// - `sales_daily`: per UTC day (`placed_at / 86400000`), the orders placed, their totals, and the
///   refunds that succeeded that day. An order counts unless its payment failed (a declined or
///   abandoned card checkout never became a sale).
/// - `product_sales_daily`: per UTC day and product, units and revenue of the counted orders' lines.
/// - `reviews.hidden`: a review staff hid is kept but leaves the product's rating and public lists.
let schemaV3ReportSummaries = #"""
CREATE TABLE sales_daily (
    day     INTEGER PRIMARY KEY,
    orders  INTEGER NOT NULL DEFAULT 0,
    revenue INTEGER NOT NULL DEFAULT 0,
    refunds INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE product_sales_daily (
    day        INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    units      INTEGER NOT NULL DEFAULT 0,
    revenue    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, product_id)
) WITHOUT ROWID;

-- Backfill from the orders already written.
INSERT INTO sales_daily(day, orders, revenue)
SELECT placed_at / 86400000, count(*), sum(total) FROM orders WHERE payment_status <> 'failed' GROUP BY 1;

INSERT INTO sales_daily(day, refunds)
SELECT updated_at / 86400000, sum(amount) FROM payments WHERE kind = 'refund' AND status = 'succeeded' GROUP BY 1
ON CONFLICT(day) DO UPDATE SET refunds = refunds + excluded.refunds;

INSERT INTO product_sales_daily(day, product_id, units, revenue)
SELECT o.placed_at / 86400000, l.product_id, sum(l.quantity), sum(l.line_total)
FROM order_lines l JOIN orders o ON o.id = l.order_id
WHERE o.payment_status <> 'failed' AND l.product_id IS NOT NULL
GROUP BY 1, 2;

-- Orders: counted on their placed day while their payment has not failed.
CREATE TRIGGER sales_daily_order_insert AFTER INSERT ON orders WHEN new.payment_status <> 'failed' BEGIN
    INSERT INTO sales_daily(day, orders, revenue) VALUES (new.placed_at / 86400000, 1, new.total)
    ON CONFLICT(day) DO UPDATE SET orders = orders + 1, revenue = revenue + excluded.revenue;
END;

CREATE TRIGGER sales_daily_order_update AFTER UPDATE OF payment_status, total, placed_at ON orders
WHEN (old.payment_status <> 'failed') <> (new.payment_status <> 'failed') OR old.total <> new.total OR old.placed_at <> new.placed_at
BEGIN
    UPDATE sales_daily SET orders = orders - 1, revenue = revenue - old.total
    WHERE day = old.placed_at / 86400000 AND old.payment_status <> 'failed';
    INSERT INTO sales_daily(day, orders, revenue) SELECT new.placed_at / 86400000, 1, new.total WHERE new.payment_status <> 'failed'
    ON CONFLICT(day) DO UPDATE SET orders = orders + 1, revenue = revenue + excluded.revenue;
    INSERT INTO product_sales_daily(day, product_id, units, revenue)
    SELECT old.placed_at / 86400000, product_id, -sum(quantity), -sum(line_total) FROM order_lines
    WHERE order_id = old.id AND product_id IS NOT NULL AND old.payment_status <> 'failed' GROUP BY product_id
    ON CONFLICT(day, product_id) DO UPDATE SET units = units + excluded.units, revenue = revenue + excluded.revenue;
    INSERT INTO product_sales_daily(day, product_id, units, revenue)
    SELECT new.placed_at / 86400000, product_id, sum(quantity), sum(line_total) FROM order_lines
    WHERE order_id = new.id AND product_id IS NOT NULL AND new.payment_status <> 'failed' GROUP BY product_id
    ON CONFLICT(day, product_id) DO UPDATE SET units = units + excluded.units, revenue = revenue + excluded.revenue;
END;

CREATE TRIGGER product_sales_daily_line_insert AFTER INSERT ON order_lines WHEN new.product_id IS NOT NULL BEGIN
    INSERT INTO product_sales_daily(day, product_id, units, revenue)
    SELECT o.placed_at / 86400000, new.product_id, new.quantity, new.line_total FROM orders o
    WHERE o.id = new.order_id AND o.payment_status <> 'failed'
    ON CONFLICT(day, product_id) DO UPDATE SET units = units + excluded.units, revenue = revenue + excluded.revenue;
END;

-- Refunds: counted on the day they succeeded.
CREATE TRIGGER sales_daily_refund_insert AFTER INSERT ON payments
WHEN new.kind = 'refund' AND new.status = 'succeeded' BEGIN
    INSERT INTO sales_daily(day, refunds) VALUES (new.updated_at / 86400000, new.amount)
    ON CONFLICT(day) DO UPDATE SET refunds = refunds + excluded.refunds;
END;

CREATE TRIGGER sales_daily_refund_update AFTER UPDATE OF status ON payments
WHEN new.kind = 'refund' AND new.status = 'succeeded' AND old.status <> 'succeeded' BEGIN
    INSERT INTO sales_daily(day, refunds) VALUES (new.updated_at / 86400000, new.amount)
    ON CONFLICT(day) DO UPDATE SET refunds = refunds + excluded.refunds;
END;

-- The dashboard's other questions, answered from indexes.
CREATE INDEX carts_created ON carts(created_at);
CREATE INDEX variants_low_stock ON variants(stock, id) WHERE archived = 0 AND stock <= low_stock_threshold;
CREATE INDEX audit_log_actor ON audit_log(actor_label, created_at);
CREATE INDEX audit_log_action ON audit_log(action, created_at);
CREATE INDEX outbox_deliveries_status ON outbox_deliveries(status, subscriber);
CREATE INDEX orders_status_payment ON orders(status, payment_method, payment_status);

-- Hidden reviews: kept, but out of the product's rating.
ALTER TABLE reviews ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1));
DROP TRIGGER reviews_rating_insert;
DROP TRIGGER reviews_rating_update;
DROP TRIGGER reviews_rating_delete;
CREATE TRIGGER reviews_rating_insert AFTER INSERT ON reviews WHEN new.hidden = 0 BEGIN
    UPDATE products SET rating_sum = rating_sum + new.rating, rating_count = rating_count + 1 WHERE id = new.product_id;
END;
CREATE TRIGGER reviews_rating_update AFTER UPDATE OF rating, product_id, hidden ON reviews BEGIN
    UPDATE products SET rating_sum = rating_sum - old.rating, rating_count = rating_count - 1
    WHERE id = old.product_id AND old.hidden = 0;
    UPDATE products SET rating_sum = rating_sum + new.rating, rating_count = rating_count + 1
    WHERE id = new.product_id AND new.hidden = 0;
END;
CREATE TRIGGER reviews_rating_delete AFTER DELETE ON reviews WHEN old.hidden = 0 BEGIN
    UPDATE products SET rating_sum = rating_sum - old.rating, rating_count = rating_count - 1 WHERE id = old.product_id;
END;
"""#
