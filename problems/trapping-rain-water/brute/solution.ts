function trap(height: number[]): number {
    // Brute force: for every bar, scan for the tallest bar on each side.
    // O(n^2).
    const n = height.length;
    let water = 0;
    for (let i = 0; i < n; i++) {
        let left = 0;
        for (let j = 0; j <= i; j++) left = Math.max(left, height[j]);
        let right = 0;
        for (let j = i; j < n; j++) right = Math.max(right, height[j]);
        water += Math.min(left, right) - height[i];
    }
    return water;
}
