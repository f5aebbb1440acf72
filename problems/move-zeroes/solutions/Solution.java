class Solution {
    public int[] moveZeroes(int[] nums) {
        int w = 0;
        for (int i = 0; i < nums.length; i++) {
            if (nums[i] != 0) {
                int x = nums[i];
                nums[i] = nums[w];
                nums[w] = x;
                w++;
            }
        }
        return nums;
    }
}
