class Solution {
    public int[] nextGreaterElement(int[] nums) {
        // Brute force: scan right from every index. O(n^2) on flat input.
        int n = nums.length;
        int[] answer = new int[n];
        for (int i = 0; i < n; i++) {
            answer[i] = -1;
            for (int j = i + 1; j < n; j++) {
                if (nums[j] > nums[i]) {
                    answer[i] = nums[j];
                    break;
                }
            }
        }
        return answer;
    }
}
