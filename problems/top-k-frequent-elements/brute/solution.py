class Solution:
    def topKFrequent(self, nums: List[int], k: int) -> List[int]:
        # Brute force: count each distinct value by scanning the whole array
        # again, O(n * d), then sort by count.
        distinct = []
        for x in nums:
            if x not in distinct:
                distinct.append(x)
        counted = []
        for value in distinct:
            count = 0
            for x in nums:
                if x == value:
                    count += 1
            counted.append((count, value))
        counted.sort(reverse=True)
        return [value for _, value in counted[:k]]
