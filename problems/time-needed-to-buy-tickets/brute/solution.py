import collections

class Solution:
    def timeRequiredToBuy(self, tickets: List[int], k: int) -> int:
        # Brute force: simulate the line, one ticket per second.
        line = collections.deque(range(len(tickets)))
        left = list(tickets)
        seconds = 0
        while True:
            i = line.popleft()
            left[i] -= 1
            seconds += 1
            if left[i] == 0:
                if i == k:
                    return seconds
            else:
                line.append(i)
