class Solution:
    def nextGreaterElement(self, nums: List[int]) -> List[int]:
        # Brute force: scan right from every index. O(n^2) on flat input.
        n = len(nums)
        answer = [-1] * n
        for i in range(n):
            for j in range(i + 1, n):
                if nums[j] > nums[i]:
                    answer[i] = nums[j]
                    break
        return answer
