/**
 * @param {number[]} temperatures
 * @return {number[]}
 */
function dailyTemperatures(temperatures) {
    // Wrong: pops on <=, so a day at the same temperature counts as warmer.
    const answer = new Array(temperatures.length).fill(0);
    const waiting = [];
    for (let i = 0; i < temperatures.length; i++) {
        while (waiting.length > 0 && temperatures[waiting[waiting.length - 1]] <= temperatures[i]) {
            const j = waiting.pop();
            answer[j] = i - j;
        }
        waiting.push(i);
    }
    return answer;
}
