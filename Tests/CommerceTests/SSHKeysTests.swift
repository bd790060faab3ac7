import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// Keys made by ssh-keygen, with the fingerprints `ssh-keygen -lf` printed for them.
enum TestKeys {
    static let ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGS7TcAKLVD82W3rbnppWtO9XvxWh3tnWwzDQ/AOaT7D root@vm"
    static let ed25519Fingerprint = "SHA256:fARpSUswqgav2ljqYMUqs3DGApsD9jHYGg4bhfh91GM"
    static let other = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOXkjPL04pLr1i1w+PSggtLjxfxIW2RFj5E/O6Qw3gWI two"
    static let ecdsa = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBCKP5DeLKSQiH66L55Z29tYbuTiuEgQ8WsAxV/Qr4H6ZlQ2W+sfg/VntfCWbXS4igugbVqoIwq2bEAQxhZWvykQ="
    static let ecdsaFingerprint = "SHA256:sEt9YAVNZxuGMHkgabWLlnZmYK8PoN8b8SPaQ2kXHDQ"
    static let rsa = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQCZ56eKd9bnjWLEsjohfP6ZNarO5iMZD3HOJLxbZZmzegiEP1ysjf+EGERrqiSP9Rj3SDJmj8JqAahEkezZoheElYGjyp76VvcKk92xv0hxRK5hAHeHmUqkWXMyRccezphkqERJuaBzPluTZL6gAO4v8KhbnxInc2dW1xA4Q9xm5JLe1WONWCM/yCKIXYGyTPopVJssuz5qDJcEbWP5o7TivrWvkre+1JOGK7r4F+WbbnjBIWNyrxPgkTK5AubwVONm6ZSJXzOZSfP4dXrBzkHhZF5q/bjgLIFENWLHXavK2/Zyzz5tnrSCnabTkegek9hb0OGaIcqgxRTZ5n2ZPD3BKtYc46g4AIpSPTjf+bS96RZX8MYjJkuRoYDSjy4ILNyG1/L8Sdz/f/t9+EV9lEr6tyeToInkBxI8Txy/UYvARGQERXC1EADRu9XggclBtymXlTrtXk1lNHeCbbc3bM37u+roFDSAl6Pdup4wFQeoMiFT9lWS+DMcPaff69RTyjE= root@vm"
    static let rsaFingerprint = "SHA256:oAplcGlRDVPFr+lFCsl7F6YXZ502ZIiR627NVROebn4"
}

@Suite struct SSHPublicKeyTests {
    @Test func fingerprintsAreTheOnesSshKeygenPrints() throws {
        #expect(try SSHPublicKey(line: TestKeys.ed25519).fingerprint == TestKeys.ed25519Fingerprint)
        #expect(try SSHPublicKey(line: TestKeys.ecdsa).fingerprint == TestKeys.ecdsaFingerprint)
        #expect(try SSHPublicKey(line: TestKeys.rsa).fingerprint == TestKeys.rsaFingerprint)
        // The line sshd writes to $SSH_USER_AUTH starts with the method.
        #expect(try SSHPublicKey(line: "publickey " + TestKeys.ed25519).fingerprint == TestKeys.ed25519Fingerprint)
    }

    @Test func aBlobOfAnotherTypeOrShapeIsRefused() throws {
        let words = TestKeys.ed25519.split(separator: " ").map(String.init)
        #expect(throws: CommerceError.self) { try SSHPublicKey(type: "ssh-rsa", base64: words[1]) }
        #expect(throws: CommerceError.self) { try SSHPublicKey(type: "ssh-dss", base64: words[1]) }
        #expect(throws: CommerceError.self) { try SSHPublicKey(type: words[0], base64: "") }
        #expect(throws: CommerceError.self) { try SSHPublicKey(type: words[0], base64: String(words[1].dropLast(8))) }
        #expect(throws: CommerceError.self) { try SSHPublicKey(line: "ssh-ed25519") }
        // A well-formed length field that runs past the end.
        var blob: [UInt8] = [0, 0, 0, 11] + Array("ssh-ed25519".utf8) + [0, 0, 0, 200] + [UInt8](repeating: 1, count: 32)
        #expect(throws: CommerceError.self) { try SSHPublicKey(type: "ssh-ed25519", base64: Data(blob).base64EncodedString()) }
        blob[18] = 32
        #expect(try SSHPublicKey(type: "ssh-ed25519", base64: Data(blob).base64EncodedString()).blob.count == 51)
    }
}

@Suite struct SSHKeysTests {
    @Test func aKeyMakesItsAccountOnceAndFindsItAgain() throws {
        let shop = try ShopFixture()
        let key = try SSHPublicKey(line: TestKeys.ed25519)
        let first = try shop.store.sshKeys.shopper(for: key, caller: .system)
        #expect(first.user.email == nil && first.user.role == .customer && !first.user.hasPassword)
        #expect(first.user.name == "SSH SHA256:fARpSUsw")
        let again = try shop.store.sshKeys.shopper(for: key, caller: .system)
        #expect(again.user.id == first.user.id)
        let other = try shop.store.sshKeys.shopper(for: try SSHPublicKey(line: TestKeys.other), caller: .system)
        #expect(other.user.id != first.user.id)
        #expect(try shop.store.sshKeys.fingerprints(of: first.user.id, as: first.caller) == [TestKeys.ed25519Fingerprint])
        // Only Curio itself signs a key in.
        #expect(throws: CommerceError.self) { try shop.store.sshKeys.shopper(for: key, caller: shop.alice) }
    }

    @Test func theEmailGivenAtTheFirstCheckoutBecomesTheAccounts() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 5)[0]
        let shopper = try shop.store.sshKeys.shopper(for: try SSHPublicKey(line: TestKeys.ed25519), caller: .system)
        let caller = shopper.caller.connected(by: TestKeys.ed25519Fingerprint)
        let request = CheckoutRequest(token: Checkout.newToken(), email: "Key@Example.com", items: [CheckoutItem(variant: mug, quantity: 1)],
                                      address: CheckoutTests.address, payment: .payOnDelivery)
        let placed = try shop.store.checkout.place(request, as: caller)
        #expect(try shop.store.accounts.profile(shopper.user.id).email == "key@example.com")
        #expect(try shop.store.orders.history(as: caller).map(\.number) == [placed.number])
        // A second key giving an email another account has keeps its own account without one.
        let second = try shop.store.sshKeys.shopper(for: try SSHPublicKey(line: TestKeys.other), caller: .system)
        var again = request
        again.token = Checkout.newToken()
        _ = try shop.store.checkout.place(again, as: second.caller)
        #expect(try shop.store.accounts.profile(second.user.id).email == nil)
        #expect(try shop.store.orders.history(as: second.caller).count == 1)
    }

    @Test func onlyKeysLinkedToStaffOpenTheStaffEntrance() throws {
        let shop = try ShopFixture()
        let key = try SSHPublicKey(line: TestKeys.ed25519)
        #expect(throws: CommerceError.self) { try shop.store.sshKeys.staff(for: key, caller: .system) }
        let staffEmail = try shop.store.accounts.profile(shop.staff.userID!).email ?? ""
        _ = try shop.store.sshKeys.link(key, toEmail: staffEmail, by: .system)
        #expect(try shop.store.sshKeys.staff(for: key, caller: .system).user.id == shop.staff.userID)
        // A shopper's own key is no staff key, and one key belongs to one account.
        let shopperKey = try SSHPublicKey(line: TestKeys.other)
        _ = try shop.store.sshKeys.shopper(for: shopperKey, caller: .system)
        #expect(throws: CommerceError.forbidden("this key is not linked to a staff account")) {
            try shop.store.sshKeys.staff(for: shopperKey, caller: .system)
        }
        #expect(throws: CommerceError.conflict("this key is already linked to another account")) {
            try shop.store.sshKeys.link(shopperKey, toEmail: staffEmail, by: .system)
        }
        // Disabling the account closes the entrance.
        try shop.store.accounts.setDisabled(shop.staff.userID!, true, by: .system)
        #expect(throws: CommerceError.self) { try shop.store.sshKeys.staff(for: key, caller: .system) }
        #expect(throws: CommerceError.self) { try shop.store.sshKeys.link(key, toEmail: staffEmail, by: shop.alice) }
    }
}

@Suite struct ThrottlePolicyTests {
    @Test func failuresFromOneKeyWaitLongButOnAnAccountOnlyBriefly() throws {
        let shop = try ShopFixture()
        _ = try shop.store.accounts.register(email: "kim@example.com", name: "Kim", password: "right-password")
        let stranger = Caller.guest(token: "x").connected(by: "SHA256:stranger")
        for _ in 0..<8 {
            try shop.db.execute("UPDATE throttles SET blocked_until = 0")  // as if each wait had passed
            _ = try? shop.store.accounts.signIn(email: "kim@example.com", password: "wrong-password", from: stranger)
        }
        let until = { (key: String) in try shop.db.scalarInt("SELECT blocked_until - last_failure_at FROM throttles WHERE key = ?", key) ?? 0 }
        #expect(try until("signin:key:SHA256:stranger") == 16_000)
        #expect(try until("signin:email:kim@example.com") == 16_000)
        for _ in 0..<6 {
            try shop.db.execute("UPDATE throttles SET blocked_until = 0")
            _ = try? shop.store.accounts.signIn(email: "kim@example.com", password: "wrong-password", from: stranger)
        }
        // The stranger's key waits up to 15 minutes; the account they attack at most one minute.
        #expect(try until("signin:key:SHA256:stranger") == 15 * 60 * 1000)
        #expect(try until("signin:email:kim@example.com") == 60_000)
        #expect(Throttle.delay(afterFailures: 40, policy: .origin) == 15 * 60 * 1000)
        // The real customer, from their own key, is held only by the account's short wait, then gets in.
        try shop.db.execute("UPDATE throttles SET blocked_until = 0 WHERE key LIKE 'signin:email:%'")
        let customer = Caller.guest(token: "y").connected(by: "SHA256:customer")
        #expect(try shop.store.accounts.signIn(email: "kim@example.com", password: "right-password", from: customer).user.email == "kim@example.com")
        // The stranger's key is still held, whatever account it tries next.
        #expect(throws: CommerceError.self) { try shop.store.accounts.signIn(email: "other@example.com", password: "x", from: stranger) }
    }

    @Test func oldFailuresAreForgotten() throws {
        let shop = try ShopFixture()
        for _ in 0..<6 { _ = try? shop.store.accounts.signIn(email: "kim@example.com", password: "wrong-password") }
        #expect(throws: CommerceError.self) { try shop.store.accounts.signIn(email: "kim@example.com", password: "wrong-password") }
        // Sixteen minutes later (past the account policy's 15) the count starts again.
        try shop.db.execute("UPDATE throttles SET last_failure_at = last_failure_at - 16 * 60 * 1000, blocked_until = 0")
        #expect(throws: CommerceError.signInFailed) { try shop.store.accounts.signIn(email: "kim@example.com", password: "wrong-password") }
        #expect(try shop.db.scalarInt("SELECT failures FROM throttles WHERE key = 'signin:email:kim@example.com'") == 1)
    }
}
