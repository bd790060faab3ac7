import Foundation
import Testing
@_spi(Storage) @testable import Commerce

@Suite struct AccountsTests {
    @Test func registerLowerCasesEmailAndSignsIn() throws {
        let (store, _) = try makeStore()
        let signed = try store.accounts.register(email: "  Ada@Example.COM ", name: "Ada", password: "correct horse")
        #expect(signed.user.email == "ada@example.com")
        #expect(signed.user.role == .customer)
        #expect(try store.accounts.signIn(email: "ADA@example.com", password: "correct horse").user.id == signed.user.id)
        #expect(try store.db.scalarInt("SELECT count(*) FROM outbox WHERE kind = 'UserRegistered'") == 1)
    }

    @Test func passwordIsStoredAsSelfDescribingScrypt() throws {
        let (store, _) = try makeStore()
        _ = try store.accounts.register(email: "a@b.co", name: "A", password: "long enough")
        let hash = try store.db.scalarString("SELECT password_hash FROM users")
        #expect(hash?.hasPrefix("$scrypt$ln=10,r=8,p=1$") == true)
        #expect(hash?.contains("long enough") == false)
        #expect(PasswordHasher.verify("long enough", against: hash ?? ""))
        #expect(!PasswordHasher.verify("long enougH", against: hash ?? ""))
        #expect(!PasswordHasher.verify("x", against: "$scrypt$garbage"))
    }

    @Test func theStandardCostVerifiesToo() throws {
        let hash = try PasswordHasher.standard.hash("hunter2hunter2")
        #expect(hash.hasPrefix("$scrypt$ln=15,r=8,p=1$"))
        #expect(PasswordHasher.verify("hunter2hunter2", against: hash))
        #expect(PasswordHasher.fast.needsRehash(hash))
    }

    @Test func validationNamesTheField() throws {
        let (store, _) = try makeStore()
        #expect(throws: CommerceError.invalid(field: "email", reason: "must look like name@example.com")) {
            try store.accounts.register(email: "nobody", name: "N", password: "12345678")
        }
        #expect(throws: CommerceError.invalid(field: "password", reason: "at least 8 characters")) {
            try store.accounts.register(email: "a@b.co", name: "N", password: "short")
        }
        #expect(throws: CommerceError.invalid(field: "name", reason: "required")) {
            try store.accounts.register(email: "a@b.co", name: "  ", password: "12345678")
        }
        _ = try store.accounts.register(email: "a@b.co", name: "A", password: "12345678")
        #expect(throws: CommerceError.conflict("an account with this email already exists")) {
            try store.accounts.register(email: "A@B.CO", name: "A", password: "12345678")
        }
    }

    @Test func wrongPasswordAndUnknownEmailGiveTheSameAnswer() throws {
        let (store, _) = try makeStore()
        _ = try store.accounts.register(email: "a@b.co", name: "A", password: "12345678")
        #expect(throws: CommerceError.signInFailed) { try store.accounts.signIn(email: "a@b.co", password: "wrong-pass") }
        #expect(throws: CommerceError.signInFailed) { try store.accounts.signIn(email: "nobody@b.co", password: "wrong-pass") }
    }

    @Test func repeatedFailuresBackOffEvenForUnknownEmails() throws {
        let (store, _) = try makeStore()
        _ = try store.accounts.register(email: "a@b.co", name: "A", password: "12345678")
        for email in ["a@b.co", "ghost@b.co"] {
            for _ in 0..<4 { _ = try? store.accounts.signIn(email: email, password: "bad-password") }
            #expect {
                try store.accounts.signIn(email: email, password: "12345678")
            } throws: { error in
                if case .throttled(let seconds) = error as? CommerceError { return seconds >= 1 }
                return false
            }
        }
    }

    @Test func successClearsTheFailureCount() throws {
        let (store, _) = try makeStore()
        _ = try store.accounts.register(email: "a@b.co", name: "A", password: "12345678")
        for _ in 0..<3 { _ = try? store.accounts.signIn(email: "a@b.co", password: "bad-password") }
        _ = try store.accounts.signIn(email: "a@b.co", password: "12345678")
        #expect(try store.db.scalarInt("SELECT count(*) FROM throttles") == 0)
    }

    @Test func disabledAccountsCannotSignIn() throws {
        let (store, _) = try makeStore()
        let id = try store.accounts.register(email: "a@b.co", name: "A", password: "12345678").user.id
        try store.accounts.setDisabled(id, true, by: .system)
        #expect(throws: CommerceError.forbidden("this account is disabled; contact the shop")) {
            try store.accounts.signIn(email: "a@b.co", password: "12345678")
        }
        try store.accounts.setDisabled(id, false, by: .system)
        _ = try store.accounts.signIn(email: "a@b.co", password: "12345678")
    }

    @Test func customersAreForbiddenStaffCallsAtTheService() throws {
        let (store, _) = try makeStore()
        let customer = try store.accounts.register(email: "c@b.co", name: "C", password: "12345678").caller
        let other = try store.accounts.register(email: "d@b.co", name: "D", password: "12345678").user.id
        #expect(throws: CommerceError.forbidden("only staff can list accounts")) { try store.accounts.list(as: customer) }
        #expect(throws: CommerceError.forbidden("only admins can change roles")) { try store.accounts.setRole(other, to: .admin, by: customer) }
        #expect(throws: CommerceError.forbidden("only staff can disable accounts")) { try store.accounts.setDisabled(other, true, by: customer) }
        #expect(throws: CommerceError.forbidden("only admins can create staff accounts")) {
            try store.accounts.createUser(email: "s@b.co", name: "S", password: nil, role: .staff, by: customer)
        }
        #expect(throws: CommerceError.forbidden("only staff can look up other accounts")) {
            try store.accounts.profile(email: "d@b.co", as: customer)
        }
    }

    @Test func staffCannotPromoteOrDisableStaffButAdminsCan() throws {
        let (store, _) = try makeStore()
        let admin = try store.accounts.profile(try store.accounts.createUser(email: "ad@b.co", name: "Ad", password: nil, role: .admin, by: .system)).caller
        let staffID = try store.accounts.createUser(email: "st@b.co", name: "St", password: nil, role: .staff, by: admin)
        let staff = try store.accounts.profile(staffID).caller
        let colleague = try store.accounts.createUser(email: "st2@b.co", name: "St2", password: nil, role: .staff, by: admin)
        #expect(throws: CommerceError.forbidden("only admins can disable staff accounts")) { try store.accounts.setDisabled(colleague, true, by: staff) }
        try store.accounts.setDisabled(colleague, true, by: admin)
        #expect(try store.db.scalarInt("SELECT count(*) FROM audit_log WHERE action IN ('user.create', 'user.disable')") == 4, "three accounts made with a role, one disabled")
    }

    @Test func theLastAdminStaysAdmin() throws {
        let (store, _) = try makeStore()
        let id = try store.accounts.createUser(email: "ad@b.co", name: "Ad", password: nil, role: .admin, by: .system)
        #expect(throws: CommerceError.self) { try store.accounts.setRole(id, to: .customer, by: .system) }
        #expect(throws: CommerceError.self) { try store.accounts.setDisabled(id, true, by: .system) }
    }

    @Test func changePasswordNeedsTheCurrentOne() throws {
        let (store, _) = try makeStore()
        let me = try store.accounts.register(email: "a@b.co", name: "A", password: "12345678").caller
        #expect(throws: CommerceError.invalid(field: "current password", reason: "is not right")) {
            try store.accounts.changePassword(current: "nope-nope", new: "abcdefgh", as: me)
        }
        try store.accounts.changePassword(current: "12345678", new: "abcdefgh", as: me)
        _ = try store.accounts.signIn(email: "a@b.co", password: "abcdefgh")
        #expect(throws: CommerceError.signInRequired("sign in to change your password")) {
            try store.accounts.changePassword(current: "x", new: "y", as: .guest(token: "t"))
        }
    }

    @Test func listSearchTreatsWildcardsLiterally() throws {
        let (store, _) = try makeStore()
        _ = try store.accounts.register(email: "a_b@x.co", name: "Under", password: "12345678")
        _ = try store.accounts.register(email: "axb@x.co", name: "Other", password: "12345678")
        #expect(try store.accounts.list(matching: "a_b", as: .system).map(\.name) == ["Under"])
        #expect(try store.accounts.list(matching: "%", as: .system).isEmpty)
    }
}

@Suite struct AddressBookTests {
    private let home = Address(label: "Home", name: "Ada Lovelace", line1: "12 St James's Sq", city: "London",
                               postalCode: "SW1Y 4JH", country: "gb")

    @Test func firstAddressBecomesDefaultAndCountryIsUpperCased() throws {
        let (store, _) = try makeStore()
        let me = try store.accounts.register(email: "a@b.co", name: "A", password: "12345678").caller
        let saved = try store.addresses.add(home, as: me)
        #expect(saved.isDefault && saved.country == "GB")
        var work = home
        work.label = "Work"
        work.isDefault = true
        _ = try store.addresses.add(work, as: me)
        #expect(try store.addresses.list(as: me).map(\.label) == ["Work", "Home"])
    }

    @Test func validationNamesTheField() throws {
        let (store, _) = try makeStore()
        let me = try store.accounts.register(email: "a@b.co", name: "A", password: "12345678").caller
        var bad = home
        bad.country = "Britain"
        #expect(throws: CommerceError.invalid(field: "country", reason: "use the two-letter country code, like US or DE")) {
            try store.addresses.add(bad, as: me)
        }
        bad = home
        bad.city = " "
        #expect(throws: CommerceError.invalid(field: "city", reason: "required")) { try store.addresses.add(bad, as: me) }
        bad = home
        bad.line2 = "flat\u{1b}[2J"
        #expect(throws: CommerceError.invalid(field: "address line 2", reason: "must not contain control characters")) {
            try store.addresses.add(bad, as: me)
        }
    }

    @Test func oneShopperCannotTouchAnothersAddress() throws {
        let (store, _) = try makeStore()
        let me = try store.accounts.register(email: "a@b.co", name: "A", password: "12345678").caller
        let them = try store.accounts.register(email: "t@b.co", name: "T", password: "12345678").caller
        let saved = try store.addresses.add(home, as: me)
        #expect(throws: CommerceError.self) { try store.addresses.remove(saved.id!, as: them) }
        #expect(try store.addresses.list(as: them).isEmpty)
        try store.addresses.remove(saved.id!, as: me)
        #expect(try store.addresses.list(as: me).isEmpty)
    }
}
