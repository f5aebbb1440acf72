class Solution:
    def floodFill(self, image: List[List[int]], sr: int, sc: int, color: int) -> List[List[int]]:
        # Mistake: no early return when color is already the starting colour,
        # and no visited set, so the same pixels are pushed forever.
        old = image[sr][sc]
        rows, cols = len(image), len(image[0])
        stack = [(sr, sc)]
        while stack:
            r, c = stack.pop()
            if 0 <= r < rows and 0 <= c < cols and image[r][c] == old:
                image[r][c] = color
                stack.extend(((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)))
        return image
