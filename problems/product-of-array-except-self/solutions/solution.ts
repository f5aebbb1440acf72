function productExceptSelf(nums: number[]): number[] {
    const n = nums.length;
    const answer: number[] = new Array(n);
    let p = 1;
    for (let i = 0; i < n; i++) {
        answer[i] = p;
        p *= nums[i];
    }
    let s = 1;
    for (let i = n - 1; i >= 0; i--) {
        answer[i] *= s;
        s *= nums[i];
    }
    // -0 would serialise as 0 anyway, but keep the values plain integers.
    for (let i = 0; i < n; i++) answer[i] = answer[i] + 0;
    return answer;
}
