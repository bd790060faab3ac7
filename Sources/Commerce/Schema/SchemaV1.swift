/// Schema version 1: every table the shop needs, designed at once from DESIGN.md's data rules.
///
/// Conventions: times are INTEGER milliseconds since the Unix epoch (`*_at`); money is INTEGER minor
/// units in the store currency (`settings.currency`); Booleans are 0/1 with a CHECK.
/// Invariants the schema itself holds:
/// - stock changes only through `inventory_ledger`: a trigger applies every ledger row to
///   `variants.stock`, and `CHECK (stock >= 0)` makes an oversell abort its transaction;
/// - the ledger, order timeline and audit log are append-only (triggers refuse UPDATE and DELETE);
/// - product caches (price range, stock total, rating, units sold) and the FTS index follow
///   their sources through triggers.
let schemaV1 = #"""
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- People -------------------------------------------------------------------------------------------

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT UNIQUE COLLATE NOCASE CHECK (email IS NULL OR (email = lower(email) COLLATE BINARY AND instr(email, '@') > 1)),
    name          TEXT NOT NULL DEFAULT '',
    password_hash TEXT,
    role          TEXT NOT NULL DEFAULT 'customer' CHECK (role IN ('customer', 'staff', 'admin')),
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

CREATE TABLE user_keys (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    fingerprint  TEXT NOT NULL UNIQUE,
    key_type     TEXT NOT NULL,
    public_key   TEXT NOT NULL,
    comment      TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER
);
CREATE INDEX user_keys_user ON user_keys(user_id);

-- Failed sign-in and checkout attempts per key (an email, an SSH key fingerprint), for backoff.
CREATE TABLE throttles (
    key           TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    last_failure_at INTEGER NOT NULL,
    blocked_until INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE addresses (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    label       TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL CHECK (name <> ''),
    company     TEXT NOT NULL DEFAULT '',
    line1       TEXT NOT NULL CHECK (line1 <> ''),
    line2       TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL CHECK (city <> ''),
    region      TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    country     TEXT NOT NULL CHECK (length(country) = 2 AND country = upper(country)),
    phone       TEXT NOT NULL DEFAULT '',
    is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at  INTEGER NOT NULL
);
CREATE INDEX addresses_user ON addresses(user_id);

-- Catalog ------------------------------------------------------------------------------------------

CREATE TABLE categories (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES categories(id),
    handle    TEXT NOT NULL UNIQUE CHECK (handle <> '' AND handle NOT GLOB '*[^a-z0-9-]*'),
    name      TEXT NOT NULL CHECK (name <> ''),
    position  INTEGER NOT NULL DEFAULT 0,
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX categories_parent ON categories(parent_id, position);

CREATE TABLE products (
    id               INTEGER PRIMARY KEY,
    handle           TEXT NOT NULL UNIQUE CHECK (handle <> '' AND handle NOT GLOB '*[^a-z0-9-]*'),
    title            TEXT NOT NULL CHECK (title <> ''),
    description      TEXT NOT NULL DEFAULT '',
    description_html TEXT NOT NULL DEFAULT '',
    vendor           TEXT NOT NULL DEFAULT '',
    product_type     TEXT NOT NULL DEFAULT '',
    category_id      INTEGER REFERENCES categories(id) ON DELETE SET NULL,
    tags             TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'draft', 'archived')),
    option1_name     TEXT,
    option2_name     TEXT,
    option3_name     TEXT,
    -- Caches kept by triggers below; never written by services.
    price_min        INTEGER NOT NULL DEFAULT 0,
    price_max        INTEGER NOT NULL DEFAULT 0,
    stock_total      INTEGER NOT NULL DEFAULT 0 CHECK (stock_total >= 0),
    rating_sum       INTEGER NOT NULL DEFAULT 0,
    rating_count     INTEGER NOT NULL DEFAULT 0,
    units_sold       INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX products_category ON products(category_id, status);
CREATE INDEX products_status_created ON products(status, created_at, id);
CREATE INDEX products_status_price ON products(status, price_min, id);
CREATE INDEX products_status_sold ON products(status, units_sold, id);
-- The rating sort's key (average in millionths, exact in integers), so "best rated" pages by index.
CREATE INDEX products_status_rating ON products(status,
    (CASE WHEN rating_count > 0 THEN (rating_sum * 1000000) / rating_count ELSE 0 END), rating_count, id);
CREATE INDEX products_vendor ON products(vendor);

-- One row per tag, kept in step with products.tags by the catalog service, for indexed tag filters.
CREATE TABLE product_tags (
    product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    tag        TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (product_id, tag)
) WITHOUT ROWID;
CREATE INDEX product_tags_tag ON product_tags(tag, product_id);

CREATE TABLE product_images (
    id         INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL DEFAULT 1,
    url        TEXT NOT NULL CHECK (url <> ''),
    alt        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX product_images_product ON product_images(product_id, position);

CREATE TABLE variants (
    id                  INTEGER PRIMARY KEY,
    product_id          INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    sku                 TEXT UNIQUE CHECK (sku IS NULL OR sku <> ''),
    option1             TEXT,
    option2             TEXT,
    option3             TEXT,
    position            INTEGER NOT NULL DEFAULT 1,
    price               INTEGER NOT NULL CHECK (price >= 0),
    compare_at_price    INTEGER CHECK (compare_at_price IS NULL OR compare_at_price >= 0),
    grams               INTEGER NOT NULL DEFAULT 0 CHECK (grams >= 0),
    -- Cache of the ledger sum; changed only by the ledger trigger.
    stock               INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0),
    low_stock_threshold INTEGER NOT NULL DEFAULT 5 CHECK (low_stock_threshold >= 0),
    archived            INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
CREATE INDEX variants_product ON variants(product_id, position);
CREATE UNIQUE INDEX variants_options ON variants(product_id, coalesce(option1, ''), coalesce(option2, ''), coalesce(option3, ''));

CREATE TABLE inventory_ledger (
    id         INTEGER PRIMARY KEY,
    variant_id INTEGER NOT NULL REFERENCES variants(id),
    delta      INTEGER NOT NULL CHECK (delta <> 0),
    reason     TEXT NOT NULL CHECK (reason IN ('sale', 'cancellation', 'restock', 'adjustment', 'import', 'return')),
    note       TEXT NOT NULL DEFAULT '',
    order_id   INTEGER REFERENCES orders(id),
    actor_id   INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX inventory_ledger_variant ON inventory_ledger(variant_id, id);
CREATE INDEX inventory_ledger_order ON inventory_ledger(order_id) WHERE order_id IS NOT NULL;

CREATE TABLE reviews (
    id         INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    rating     INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title      TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL DEFAULT '',
    verified   INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (product_id, user_id)
);
CREATE INDEX reviews_product ON reviews(product_id, created_at);
CREATE INDEX reviews_user ON reviews(user_id);

-- Pricing rules ------------------------------------------------------------------------------------

CREATE TABLE discount_codes (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (code <> ''),
    kind         TEXT NOT NULL CHECK (kind IN ('percent', 'fixed')),
    value        INTEGER NOT NULL CHECK (value > 0 AND (kind <> 'percent' OR value <= 100)),
    min_subtotal INTEGER NOT NULL DEFAULT 0 CHECK (min_subtotal >= 0),
    starts_at    INTEGER,
    expires_at   INTEGER,
    usage_limit  INTEGER CHECK (usage_limit IS NULL OR usage_limit > 0),
    used_count   INTEGER NOT NULL DEFAULT 0 CHECK (used_count >= 0 AND (usage_limit IS NULL OR used_count <= usage_limit)),
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at   INTEGER NOT NULL
);

CREATE TABLE shipping_methods (
    id        INTEGER PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE CHECK (code <> ''),
    name      TEXT NOT NULL CHECK (name <> ''),
    price     INTEGER NOT NULL CHECK (price >= 0),
    free_over INTEGER CHECK (free_over IS NULL OR free_over >= 0),
    min_days  INTEGER NOT NULL CHECK (min_days >= 0),
    max_days  INTEGER NOT NULL CHECK (max_days >= min_days),
    active    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    position  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tax_rates (
    id                  INTEGER PRIMARY KEY,
    country             TEXT NOT NULL CHECK (length(country) = 2),
    region              TEXT NOT NULL DEFAULT '',
    name                TEXT NOT NULL,
    rate_basis_points   INTEGER NOT NULL CHECK (rate_basis_points BETWEEN 0 AND 10000),
    applies_to_shipping INTEGER NOT NULL DEFAULT 0 CHECK (applies_to_shipping IN (0, 1)),
    UNIQUE (country, region)
);

-- Carts --------------------------------------------------------------------------------------------

CREATE TABLE carts (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    guest_token   TEXT UNIQUE,
    discount_code TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    CHECK ((user_id IS NULL) <> (guest_token IS NULL))
);

CREATE TABLE cart_lines (
    cart_id    INTEGER NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
    variant_id INTEGER NOT NULL REFERENCES variants(id),
    quantity   INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    -- Copied when the line was added, so a later price change can be shown to the shopper.
    title      TEXT NOT NULL,
    sku        TEXT,
    unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
    added_at   INTEGER NOT NULL,
    PRIMARY KEY (cart_id, variant_id)
) WITHOUT ROWID;
CREATE INDEX cart_lines_variant ON cart_lines(variant_id);

-- Orders and payments ------------------------------------------------------------------------------

CREATE TABLE orders (
    id                   INTEGER PRIMARY KEY,
    number               INTEGER NOT NULL UNIQUE CHECK (number > 0),
    checkout_token       TEXT NOT NULL UNIQUE CHECK (checkout_token <> ''),
    user_id              INTEGER REFERENCES users(id),
    email                TEXT NOT NULL CHECK (instr(email, '@') > 1),
    status               TEXT NOT NULL DEFAULT 'PENDING'
                         CHECK (status IN ('PENDING', 'PROCESSING', 'SHIPPED', 'DELIVERED', 'CANCELLED')),
    payment_status       TEXT NOT NULL DEFAULT 'pending'
                         CHECK (payment_status IN ('pending', 'authorized', 'paid', 'partially_refunded', 'refunded', 'failed')),
    payment_method       TEXT NOT NULL CHECK (payment_method IN ('card', 'cod')),
    currency             TEXT NOT NULL CHECK (length(currency) = 3),
    subtotal             INTEGER NOT NULL CHECK (subtotal >= 0),
    discount_total       INTEGER NOT NULL DEFAULT 0 CHECK (discount_total >= 0 AND discount_total <= subtotal),
    shipping_total       INTEGER NOT NULL DEFAULT 0 CHECK (shipping_total >= 0),
    tax_total            INTEGER NOT NULL DEFAULT 0 CHECK (tax_total >= 0),
    total                INTEGER NOT NULL CHECK (total = subtotal - discount_total + shipping_total + tax_total),
    refunded_total       INTEGER NOT NULL DEFAULT 0 CHECK (refunded_total >= 0 AND refunded_total <= total),
    discount_code        TEXT,
    shipping_method_id   INTEGER REFERENCES shipping_methods(id),
    shipping_method_name TEXT NOT NULL DEFAULT '',
    ship_name            TEXT NOT NULL,
    ship_company         TEXT NOT NULL DEFAULT '',
    ship_line1           TEXT NOT NULL,
    ship_line2           TEXT NOT NULL DEFAULT '',
    ship_city            TEXT NOT NULL,
    ship_region          TEXT NOT NULL DEFAULT '',
    ship_postal_code     TEXT NOT NULL DEFAULT '',
    ship_country         TEXT NOT NULL,
    ship_phone           TEXT NOT NULL DEFAULT '',
    carrier              TEXT,
    tracking_number      TEXT,
    placed_at            INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);
CREATE INDEX orders_user ON orders(user_id, placed_at);
CREATE INDEX orders_status ON orders(status, placed_at);
CREATE INDEX orders_placed ON orders(placed_at);
CREATE INDEX orders_email ON orders(email COLLATE NOCASE);

CREATE TABLE order_lines (
    id            INTEGER PRIMARY KEY,
    order_id      INTEGER NOT NULL REFERENCES orders(id),
    variant_id    INTEGER REFERENCES variants(id),
    product_id    INTEGER REFERENCES products(id),
    -- Copied at the moment of purchase.
    title         TEXT NOT NULL,
    variant_title TEXT NOT NULL DEFAULT '',
    sku           TEXT,
    unit_price    INTEGER NOT NULL CHECK (unit_price >= 0),
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    line_total    INTEGER NOT NULL CHECK (line_total = unit_price * quantity)
);
CREATE INDEX order_lines_order ON order_lines(order_id);
CREATE INDEX order_lines_variant ON order_lines(variant_id);
CREATE INDEX order_lines_product ON order_lines(product_id);

-- The order timeline: every change with its actor and time.
CREATE TABLE order_events (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders(id),
    kind        TEXT NOT NULL CHECK (kind <> ''),
    from_status TEXT,
    to_status   TEXT,
    message     TEXT NOT NULL DEFAULT '',
    actor_id    INTEGER REFERENCES users(id),
    actor_label TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX order_events_order ON order_events(order_id, id);

-- Charges and refunds. Only the card brand and last four digits are ever stored.
CREATE TABLE payments (
    id              INTEGER PRIMARY KEY,
    order_id        INTEGER NOT NULL REFERENCES orders(id),
    kind            TEXT NOT NULL CHECK (kind IN ('charge', 'refund')),
    method          TEXT NOT NULL CHECK (method IN ('card', 'cod')),
    gateway         TEXT NOT NULL,
    gateway_ref     TEXT,
    idempotency_key TEXT NOT NULL UNIQUE,
    amount          INTEGER NOT NULL CHECK (amount > 0),
    currency        TEXT NOT NULL CHECK (length(currency) = 3),
    status          TEXT NOT NULL CHECK (status IN ('pending', 'authorized', 'succeeded', 'failed')),
    card_brand      TEXT,
    card_last4      TEXT CHECK (card_last4 IS NULL OR (length(card_last4) = 4 AND card_last4 NOT GLOB '*[^0-9]*')),
    failure_code    TEXT,
    failure_message TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX payments_order ON payments(order_id);

-- Events, notifications, audit ---------------------------------------------------------------------

-- Transactional outbox: written in the same transaction as the change it describes.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('OrderPlaced', 'OrderStatusChanged', 'PaymentFailed', 'InventoryLow',
                                                'InventoryUpdated', 'UserRegistered', 'ReviewPosted')),
    aggregate_id INTEGER,
    payload      TEXT NOT NULL CHECK (json_valid(payload)),
    created_at   INTEGER NOT NULL
);

-- One row per event per subscriber once handled, so each subscriber sees each event exactly once.
CREATE TABLE outbox_deliveries (
    event_id     INTEGER NOT NULL REFERENCES outbox(id),
    subscriber   TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('delivered', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 1 CHECK (attempts > 0),
    last_error   TEXT,
    delivered_at INTEGER NOT NULL,
    PRIMARY KEY (event_id, subscriber)
) WITHOUT ROWID;

CREATE TABLE notifications (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER REFERENCES users(id) ON DELETE CASCADE,
    email        TEXT NOT NULL,
    event_id     INTEGER REFERENCES outbox(id),
    kind         TEXT NOT NULL,
    subject      TEXT NOT NULL,
    body         TEXT NOT NULL,
    maildir_file TEXT,
    read_at      INTEGER,
    created_at   INTEGER NOT NULL,
    UNIQUE (event_id, kind, email)
);
CREATE INDEX notifications_user ON notifications(user_id, created_at);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    actor_id    INTEGER REFERENCES users(id),
    actor_label TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action <> ''),
    entity      TEXT NOT NULL,
    entity_id   INTEGER,
    detail      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
    created_at  INTEGER NOT NULL
);
CREATE INDEX audit_log_created ON audit_log(created_at);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

-- Search -------------------------------------------------------------------------------------------

CREATE VIRTUAL TABLE product_search USING fts5(
    title, description, vendor, tags, product_type,
    content = 'products', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
CREATE VIRTUAL TABLE product_search_vocab USING fts5vocab(product_search, row);

-- Triggers: the invariants the schema holds --------------------------------------------------------

CREATE TRIGGER products_search_insert AFTER INSERT ON products BEGIN
    INSERT INTO product_search(rowid, title, description, vendor, tags, product_type)
    VALUES (new.id, new.title, new.description, new.vendor, new.tags, new.product_type);
END;
CREATE TRIGGER products_search_delete AFTER DELETE ON products BEGIN
    INSERT INTO product_search(product_search, rowid, title, description, vendor, tags, product_type)
    VALUES ('delete', old.id, old.title, old.description, old.vendor, old.tags, old.product_type);
END;
CREATE TRIGGER products_search_update AFTER UPDATE OF title, description, vendor, tags, product_type ON products BEGIN
    INSERT INTO product_search(product_search, rowid, title, description, vendor, tags, product_type)
    VALUES ('delete', old.id, old.title, old.description, old.vendor, old.tags, old.product_type);
    INSERT INTO product_search(rowid, title, description, vendor, tags, product_type)
    VALUES (new.id, new.title, new.description, new.vendor, new.tags, new.product_type);
END;

-- Every ledger row moves the cached stock; CHECK (stock >= 0) refuses an oversell.
CREATE TRIGGER inventory_ledger_apply AFTER INSERT ON inventory_ledger BEGIN
    UPDATE variants SET stock = stock + new.delta, updated_at = new.created_at WHERE id = new.variant_id;
END;
CREATE TRIGGER inventory_ledger_units_sold AFTER INSERT ON inventory_ledger
WHEN new.reason IN ('sale', 'cancellation', 'return') BEGIN
    UPDATE products SET units_sold = max(0, units_sold - new.delta)
    WHERE id = (SELECT product_id FROM variants WHERE id = new.variant_id);
END;
CREATE TRIGGER inventory_ledger_no_update BEFORE UPDATE ON inventory_ledger BEGIN
    SELECT RAISE(ABORT, 'the inventory ledger is append-only');
END;
CREATE TRIGGER inventory_ledger_no_delete BEFORE DELETE ON inventory_ledger BEGIN
    SELECT RAISE(ABORT, 'the inventory ledger is append-only');
END;
CREATE TRIGGER order_events_no_update BEFORE UPDATE ON order_events BEGIN
    SELECT RAISE(ABORT, 'the order timeline is append-only');
END;
CREATE TRIGGER order_events_no_delete BEFORE DELETE ON order_events BEGIN
    SELECT RAISE(ABORT, 'the order timeline is append-only');
END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- Product caches over its live (not archived) variants.
CREATE TRIGGER variants_cache_insert AFTER INSERT ON variants BEGIN
    UPDATE products SET
        price_min   = coalesce((SELECT min(price) FROM variants WHERE product_id = new.product_id AND archived = 0), 0),
        price_max   = coalesce((SELECT max(price) FROM variants WHERE product_id = new.product_id AND archived = 0), 0),
        stock_total = coalesce((SELECT sum(stock) FROM variants WHERE product_id = new.product_id AND archived = 0), 0)
    WHERE id = new.product_id;
END;
CREATE TRIGGER variants_cache_update AFTER UPDATE OF price, stock, archived, product_id ON variants BEGIN
    UPDATE products SET
        price_min   = coalesce((SELECT min(price) FROM variants WHERE product_id = products.id AND archived = 0), 0),
        price_max   = coalesce((SELECT max(price) FROM variants WHERE product_id = products.id AND archived = 0), 0),
        stock_total = coalesce((SELECT sum(stock) FROM variants WHERE product_id = products.id AND archived = 0), 0)
    WHERE id IN (new.product_id, old.product_id);
END;
CREATE TRIGGER variants_cache_delete AFTER DELETE ON variants BEGIN
    UPDATE products SET
        price_min   = coalesce((SELECT min(price) FROM variants WHERE product_id = old.product_id AND archived = 0), 0),
        price_max   = coalesce((SELECT max(price) FROM variants WHERE product_id = old.product_id AND archived = 0), 0),
        stock_total = coalesce((SELECT sum(stock) FROM variants WHERE product_id = old.product_id AND archived = 0), 0)
    WHERE id = old.product_id;
END;

-- Product rating over its reviews.
CREATE TRIGGER reviews_rating_insert AFTER INSERT ON reviews BEGIN
    UPDATE products SET rating_sum = rating_sum + new.rating, rating_count = rating_count + 1 WHERE id = new.product_id;
END;
CREATE TRIGGER reviews_rating_update AFTER UPDATE OF rating, product_id ON reviews BEGIN
    UPDATE products SET rating_sum = rating_sum - old.rating, rating_count = rating_count - 1 WHERE id = old.product_id;
    UPDATE products SET rating_sum = rating_sum + new.rating, rating_count = rating_count + 1 WHERE id = new.product_id;
END;
CREATE TRIGGER reviews_rating_delete AFTER DELETE ON reviews BEGIN
    UPDATE products SET rating_sum = rating_sum - old.rating, rating_count = rating_count - 1 WHERE id = old.product_id;
END;
"""#
