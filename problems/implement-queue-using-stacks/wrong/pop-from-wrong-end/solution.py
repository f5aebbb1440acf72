class MyQueue:

    def __init__(self):
        self.items = []

    def push(self, x: int) -> None:
        self.items.append(x)

    def pop(self) -> int:
        return self.items.pop()

    def peek(self) -> int:
        return self.items[0]

    def empty(self) -> bool:
        return not self.items
