/**
 * @param {number[]} height
 * @return {number}
 */
function trap(height) {
    // Wrong: only the tallest bar on the left is considered, as if the
    // right side always held the water in.
    let leftMax = 0;
    let water = 0;
    for (const h of height) {
        leftMax = Math.max(leftMax, h);
        water += leftMax - h;
    }
    return water;
}
