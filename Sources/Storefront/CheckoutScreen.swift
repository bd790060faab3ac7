import Commerce
import TerminalUI

final class CheckoutScreen: Screen {
    let title = "Checkout"
    let session: ShopSession
    init(session: ShopSession) { self.session = session }
    let keyMap: KeyMap<NoCommand> = []
    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {}
    func perform(_ command: NoCommand, context: AppContext) -> ScreenAction {}
}
