class Solution:
    def dailyTemperatures(self, temperatures: List[int]) -> List[int]:
        # Brute force: look ahead from every day. O(n^2) on a cold spell.
        n = len(temperatures)
        answer = [0] * n
        for i in range(n):
            for j in range(i + 1, n):
                if temperatures[j] > temperatures[i]:
                    answer[i] = j - i
                    break
        return answer
