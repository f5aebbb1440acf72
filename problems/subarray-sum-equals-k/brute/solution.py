class Solution:
    def subarraySum(self, nums: List[int], k: int) -> int:
        # Brute force: sum the subarrays from every start. O(n^2).
        n = len(nums)
        answer = 0
        for i in range(n):
            s = 0
            for j in range(i, n):
                s += nums[j]
                if s == k:
                    answer += 1
        return answer
