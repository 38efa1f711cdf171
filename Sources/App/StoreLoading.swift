import Foundation
import Portfolio
import Session
import TUI
import Terminal

/// The first seconds of the TUI: the store read on a thread of its own while the
/// terminal shows how it goes — the overview at once from a checkpoint's figures, or
/// the progress of the read — and `q` still quits.
public enum StoreLoading {
  /// What the read ended with: the session and the keys typed meanwhile (they wait for
  /// the whole model, as a terminal's do for a program), or the user quitting.
  public enum Outcome {
    /// `preview`: the checkpoint's figures the first frame was drawn from, if any — the
    /// TUI answers keys from them while the alerts are computed (`TUIRunner`).
    case opened(Session, typedAhead: [Key], preview: CheckpointPreview?)
    case quit
  }

  /// Reads with `open` while drawing on `terminal`. `creating`: the demo store is being
  /// made, a write, which runs to its end, q or not. `previewing`: a checkpoint's
  /// figures may be shown before the read ends (not when time-travelling).
  public static func run(
    terminal: NCursesTerminal, theme: Theme, store: String, creating: Bool, previewing: Bool,
    today: () -> Day, open: @escaping @Sendable (LoadProgress) throws -> Session
  ) throws -> Outcome {
    let loader = SessionLoader(open)
    var shown = false
    var preview: AppModel?
    var previewDrawn = false
    var held: [Key] = []
    while loader.result == nil {
      let size = terminal.size
      if preview == nil, previewing, let figures = loader.progress.preview {
        preview = TUIRunner.previewModel(
          figures, store: store, theme: theme, width: size.width, height: size.height, today: today())
      }
      if var model = preview {
        if !previewDrawn || model.width != size.width || model.height != size.height {
          _ = model.handle(.resize(width: size.width, height: size.height))
          terminal.draw(model.render())
          preview = model
          previewDrawn = true
        }
      } else if shown || loader.progress.current.seconds > 0.1 {
        let f = loader.progress.current
        terminal.draw(
          LoadingScreen.render(
            LoadFigures(records: f.records, bytes: f.bytes, total: f.total, seconds: f.seconds),
            store: store.sanitizedForTerminal, theme: theme, width: size.width, height: size.height))
        shown = true
      }
      guard let key = terminal.readKey(timeout: 20) else { continue }
      // Safe mid-read: the checkpoint is written after the read (to a temporary file,
      // renamed), and a torn tail is copied before it is cut.
      if !creating, key == .character("q") || (preview == nil && key == .escape) { return .quit }
      if key != .resize { held.append(key) }
    }
    switch loader.result {
    case .success(let session):
      return .opened(session, typedAhead: held, preview: previewing ? loader.progress.preview : nil)
    case .failure(let error): throw error
    case nil: return .quit
    }
  }
}
