@_spi(Storage) import Commerce
import Foundation

/// Checkout rows: orders placed per second from one process and from several processes on one file,
/// at synchronous=FULL, beside the raw write ceiling from as many processes measured in the same run;
/// the several-process row gives its ratio to half that ceiling (an order is two durable commits).
func orderBenchRows(processes: Int) -> [BenchRow] {
    do {
        return try withTemporaryFolder { folder in
            let raw = "\(folder)/raw.db"
            try createRawTable(try openBenchConnection(raw))
            let ceiling = try runWorkers(processes: processes, arguments: ["raw-writes", raw, "1000"])
            let path = "\(folder)/orders.db"
            try prepareOrderStore(path: path)
            let single = try placeOrders(path: path, count: 1000, worker: 0)
            let multi = try runWorkers(processes: processes, arguments: ["place-orders", path, "750"])
            let ratio = multi.rate / max(1, ceiling.rate / 2)
            let store = try Store(path: path)
            let clean = try Doctor(database: store.db).run().allSatisfy(\.passed)
            let note = clean ? "" : " (doctor found problems!)"
            return [
                ("checkout anchor: raw write txn, \(processes) processes", "\(processes)×1000 txns", ceiling.p50, ceiling.p99,
                 perSecond(ceiling.rate, unit: " txn/s")),
                ("checkout: place card order, 1 process", "1000 orders", single.p50, single.p99,
                 perSecond(single.rate, unit: " orders/s") + note),
                ("checkout: place card order, \(processes) processes", "\(processes)×750 orders", multi.p50, multi.p99,
                 perSecond(multi.rate, unit: " orders/s") + String(format: ", %.2f of ceiling/2", ratio) + note),
            ]
        }
    } catch {
        return [("order bench failed: \(error)", "-", 0, 0, "-")]
    }
}

/// A store (a file, or a `postgresql://` URI) with one product with plenty of stock (`BENCH-LAMP`), and
/// `spread` more (`BENCH-LAMP-0` …) for checkouts that each buy a different one.
func prepareOrderStore(path: String, spread: Int = 0) throws {
    let store = try Store(location: StoreLocation(path))
    for index in -1..<spread {
        let suffix = index < 0 ? "" : "-\(index)"
        var draft = ProductDraft(title: "Bench Lamp" + suffix)
        draft.handle = "bench-lamp" + suffix.lowercased()
        var variant = VariantDraft(price: store.money(3000), sku: "BENCH-LAMP" + suffix)
        variant.stock = 1_000_000
        _ = try store.productEditor.createProduct(draft, variants: [variant], by: .system)
    }
}

/// Places `count` one-item card orders as a guest; latency per placement and the rate. Every order buys
/// `BENCH-LAMP`, or with `spread`, one of `BENCH-LAMP-0` … in turn from a place of the worker's own.
func placeOrders(path: String, count: Int, worker: Int, spread: Int = 0) throws
    -> (p50: Double, p99: Double, rate: Double, samples: [Double]) {
    let store = try Store(location: StoreLocation(path))
    let lamps = spread == 0 ? [try store.productEditor.variantID(sku: "BENCH-LAMP")]
                            : try (0..<spread).map { try store.productEditor.variantID(sku: "BENCH-LAMP-\($0)") }
    let card = try CardDetails(number: "4242424242424242", expiry: "12/39", cvc: "123")
    let address = Address(name: "Bench Buyer", line1: "1 Main St", city: "Portland", region: "OR", postalCode: "97201", country: "US")
    let caller = Caller.guest(token: "bench-\(worker)")
    var samples = Samples()
    let start = DispatchTime.now().uptimeNanoseconds
    for n in 0..<count {
        let variant = lamps[(worker &* 7 &+ n) % lamps.count]
        let request = CheckoutRequest(token: "bench-\(getpid())-\(worker)-\(n)", email: "bench\(worker)@example.com",
                                      items: [CheckoutItem(variant: variant, quantity: 1)], address: address, payment: .card(card))
        samples.add(try measureMicros { _ = try store.checkout.place(request, as: caller) })
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return (samples.percentile(0.5), samples.percentile(0.99), Double(count) / seconds, samples.values)
}
