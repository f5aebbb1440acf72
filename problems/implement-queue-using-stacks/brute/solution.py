class MyQueue:

    def __init__(self):
        self.items = []  # the front of the queue on top
        self.spare = []

    def push(self, x: int) -> None:
        while self.items:
            self.spare.append(self.items.pop())
        self.items.append(x)
        while self.spare:
            self.items.append(self.spare.pop())

    def pop(self) -> int:
        return self.items.pop()

    def peek(self) -> int:
        return self.items[-1]

    def empty(self) -> bool:
        return not self.items
