import Portfolio
import Terminal

/// Screens come in the next version; this marks the layer.
public enum TUIVersion { public static let string = "0" }
