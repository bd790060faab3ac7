// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Curio",
    products: [
        .executable(name: "curio", targets: ["curio"]),
        .executable(name: "curio-bench", targets: ["curio-bench"]),
        .executable(name: "curio-ui-demo", targets: ["curio-ui-demo"]),
        .library(name: "Commerce", targets: ["Commerce"]),
        .library(name: "TerminalUI", targets: ["TerminalUI"]),
        .library(name: "Storefront", targets: ["Storefront"]),
        .library(name: "Backoffice", targets: ["Backoffice"]),
    ],
    targets: [
        // C libraries from the system (see ../shared/DESIGN.md, "Recipes").
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL"),
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ"),

        // Domain, services, storage and recommender. Never imports curses.
        .target(name: "Commerce", dependencies: ["CSQLite", "COpenSSL", "CLibPQ"]),
        // Curses toolkit. Knows nothing about shops.
        .target(name: "TerminalUI", dependencies: ["CNCurses"]),

        // Shopper screens over Commerce and TerminalUI; never SQL, never curses directly.
        .target(name: "Storefront", dependencies: ["Commerce", "TerminalUI"]),
        // Staff screens (orders, customers, discounts …) over the same services; never SQL, never curses directly.
        .target(name: "Backoffice", dependencies: ["Commerce", "TerminalUI"]),

        // The binary carries Themes/ and SampleData/ (generated at build time from those folders).
        .executableTarget(name: "curio", dependencies: ["Commerce", "TerminalUI", "Storefront", "Backoffice"], plugins: ["EmbedResources"]),
        .executableTarget(name: "curio-embed", path: "Sources/curio-embed"),
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["curio-embed"]),
        .executableTarget(name: "curio-bench", dependencies: ["Commerce", "TerminalUI"]),
        .executableTarget(name: "curio-ui-demo", dependencies: ["TerminalUI"]),

        // Helpers the test targets share: text snapshots of surfaces, a private tmux session, a PostgreSQL server.
        .target(name: "CurioTestSupport", dependencies: ["TerminalUI", "Commerce"], path: "Tests/CurioTestSupport"),
        .testTarget(name: "CommerceTests", dependencies: ["Commerce", "CurioTestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "curio-ui-demo", "CurioTestSupport"], exclude: ["__Snapshots__"]),
        .testTarget(name: "StorefrontTests", dependencies: ["Storefront", "Commerce", "TerminalUI", "CurioTestSupport"], exclude: ["__Snapshots__"]),
        .testTarget(name: "BackofficeTests", dependencies: ["Backoffice", "Storefront", "Commerce", "TerminalUI", "CurioTestSupport"],
                    exclude: ["__Snapshots__"]),
        .testTarget(name: "CurioTests", dependencies: ["curio", "Commerce", "CurioTestSupport"]),
    ]
)
