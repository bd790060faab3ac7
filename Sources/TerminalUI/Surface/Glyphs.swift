/// The characters used for borders, ellipses, bars and stars, in a Unicode and an ASCII set.
/// Surfaces pick ASCII when the locale is not UTF-8 or the user asked for `--ascii`.
public struct Glyphs: Sendable, Hashable {
    /// Box corners and lines: top-left, top-right, bottom-left, bottom-right, horizontal, vertical.
    public var topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: Character
    /// Tee pieces for separators inside a box: left, right.
    public var teeLeft, teeRight: Character
    /// Marks cut-off text.
    public var ellipsis: String
    /// Eight levels from low to high for sparklines.
    public var sparkLevels: [Character]
    /// Fractional bar pieces from 1/8 to 8/8 for bar charts and progress bars.
    public var barEighths: [Character]
    /// The empty part of a progress bar.
    public var barEmpty: Character
    /// Filled and empty rating stars.
    public var starFilled, starEmpty: Character
    /// Spinner animation frames.
    public var spinnerFrames: [Character]
    /// Marks the selected row for terminals without colour.
    public var pointer: Character
    /// Separator between footer hints.
    public var separator: String
    /// True for the ASCII set.
    public var isASCII: Bool

    /// Unicode box drawing and block elements.
    public static let unicode = Glyphs(
        topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│",
        teeLeft: "├", teeRight: "┤", ellipsis: "…",
        sparkLevels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        barEighths: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"], barEmpty: "░",
        starFilled: "★", starEmpty: "☆",
        spinnerFrames: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"],
        pointer: "›", separator: " · ", isASCII: false)

    /// Plain ASCII for non-UTF-8 terminals.
    public static let ascii = Glyphs(
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|",
        teeLeft: "+", teeRight: "+", ellipsis: "~",
        sparkLevels: ["_", "_", ".", "-", "-", "=", "#", "#"],
        barEighths: ["#", "#", "#", "#", "#", "#", "#", "#"], barEmpty: ".",
        starFilled: "*", starEmpty: "-",
        spinnerFrames: ["|", "/", "-", "\\"],
        pointer: ">", separator: "  ", isASCII: true)
}
