class Solution {
    public long timeRequiredToBuy(int[] tickets, int k) {
        // Brute force: simulate the line, one ticket per second.
        ArrayDeque<Integer> line = new ArrayDeque<>();
        int[] left = tickets.clone();
        for (int i = 0; i < left.length; i++) {
            line.add(i);
        }
        long seconds = 0;
        while (true) {
            int i = line.poll();
            left[i]--;
            seconds++;
            if (left[i] == 0) {
                if (i == k) {
                    return seconds;
                }
            } else {
                line.add(i);
            }
        }
    }
}
