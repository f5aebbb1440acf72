class Solution {
    public int[] nextGreaterElement(int[] nums) {
        int n = nums.length;
        int[] answer = new int[n];
        Arrays.fill(answer, -1);
        int[] waiting = new int[n]; // a stack of indices whose answer is unknown
        int top = 0;
        for (int i = 0; i < n; i++) {
            int x = nums[i];
            while (top > 0 && nums[waiting[top - 1]] < x) {
                answer[waiting[--top]] = x;
            }
            waiting[top++] = i;
        }
        return answer;
    }
}
