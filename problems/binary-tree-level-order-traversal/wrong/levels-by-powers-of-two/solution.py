class Solution:
    def levelOrder(self, root: Optional[TreeNode]) -> List[List[int]]:
        # Flat breadth-first order, then cut it into levels of 1, 2, 4, ... nodes.
        order = []
        queue = [root] if root else []
        i = 0
        while i < len(queue):
            node = queue[i]
            i += 1
            order.append(node.val)
            if node.left:
                queue.append(node.left)
            if node.right:
                queue.append(node.right)
        levels, size, start = [], 1, 0
        while start < len(order):
            levels.append(order[start:start + size])
            start += size
            size *= 2
        return levels
