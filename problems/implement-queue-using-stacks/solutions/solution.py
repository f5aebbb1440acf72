class MyQueue:

    def __init__(self):
        self.incoming = []
        self.outgoing = []

    def push(self, x: int) -> None:
        self.incoming.append(x)

    def pop(self) -> int:
        self.peek()
        return self.outgoing.pop()

    def peek(self) -> int:
        if not self.outgoing:
            while self.incoming:
                self.outgoing.append(self.incoming.pop())
        return self.outgoing[-1]

    def empty(self) -> bool:
        return not self.incoming and not self.outgoing
