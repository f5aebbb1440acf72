function maxArea(height: number[]): number {
    let l = 0;
    let r = height.length - 1;
    let best = 0;
    while (l < r) {
        const area = (r - l) * Math.min(height[l], height[r]);
        if (area > best) best = area;
        if (height[l] < height[r]) l++;
        else r--;
    }
    return best;
}
