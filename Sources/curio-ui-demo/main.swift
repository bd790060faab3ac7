import TerminalUI
print(TerminalUIVersion.name)
