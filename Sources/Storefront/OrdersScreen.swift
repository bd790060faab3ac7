import Commerce
import TerminalUI

final class OrdersScreen: Screen {
    let title = "Orders"
    let session: ShopSession
    init(session: ShopSession) { self.session = session }
    let keyMap: KeyMap<NoCommand> = []
    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {}
    func perform(_ command: NoCommand, context: AppContext) -> ScreenAction {}
}
