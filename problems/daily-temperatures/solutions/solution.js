/**
 * @param {number[]} temperatures
 * @return {number[]}
 */
function dailyTemperatures(temperatures) {
    const answer = new Array(temperatures.length).fill(0);
    const waiting = []; // days without a warmer day yet
    for (let i = 0; i < temperatures.length; i++) {
        while (waiting.length > 0 && temperatures[waiting[waiting.length - 1]] < temperatures[i]) {
            const j = waiting.pop();
            answer[j] = i - j;
        }
        waiting.push(i);
    }
    return answer;
}
