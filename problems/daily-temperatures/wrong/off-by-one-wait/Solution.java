class Solution {
    public int[] dailyTemperatures(int[] temperatures) {
        // Wrong: counts the days strictly between, one less than the wait.
        int n = temperatures.length;
        int[] answer = new int[n];
        Deque<Integer> waiting = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            while (!waiting.isEmpty() && temperatures[waiting.peek()] < temperatures[i]) {
                int j = waiting.pop();
                answer[j] = i - j - 1;
            }
            waiting.push(i);
        }
        return answer;
    }
}
