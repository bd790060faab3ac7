/// Words for synthetic products: enough combinations for a million distinct, readable titles.
enum SyntheticCatalog {
    static let departments = ["Kitchen", "Outdoors", "Apparel", "Home", "Garden", "Books", "Toys", "Fitness", "Pets",
                              "Office", "Audio", "Bath"]
    static let sections = ["Essentials", "Classics", "New Arrivals", "Premium", "Everyday"]
    static let adjectives = [
        "Classic", "Compact", "Sturdy", "Handmade", "Lightweight", "Vintage", "Modern", "Rustic", "Foldable", "Deluxe",
        "Everyday", "Travel", "Insulated", "Organic", "Recycled", "Heavy-Duty", "Minimal", "Cosy", "Waterproof", "Bright",
        "Quiet", "Slim", "Rugged", "Soft", "Nordic", "Coastal", "Urban", "Alpine", "Studio", "Weekend",
    ]
    static let materials = [
        "Oak", "Walnut", "Steel", "Copper", "Linen", "Wool", "Cotton", "Leather", "Bamboo", "Ceramic", "Glass", "Cork",
        "Canvas", "Brass", "Maple", "Stoneware", "Merino", "Hemp", "Titanium", "Slate",
    ]
    static let nouns = [
        "Mug", "Bowl", "Lamp", "Chair", "Backpack", "Jacket", "Notebook", "Kettle", "Blanket", "Candle", "Speaker", "Planter",
        "Tote", "Scarf", "Bottle", "Tray", "Shelf", "Clock", "Basket", "Pan", "Knife", "Board", "Vase", "Pillow", "Rug",
        "Stool", "Hat", "Glove", "Towel", "Journal", "Pen", "Frame", "Cup", "Plate", "Jar", "Brush", "Apron", "Mat",
        "Wallet", "Belt",
    ]
    static let vendors = ["Northfold", "Kiln Street", "Loom & Field", "Harbour Goods", "Ridgeline", "Copper Lane", "Paperfolk",
                          "Tidewave", "Greenhand", "Meeple Works", "Hearth & Co.", "Steadfast"]
    static let sizes = ["S", "M", "L"]
    static let colours = ["Black", "Natural", "Blue"]
}
