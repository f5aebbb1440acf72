from collections import defaultdict, OrderedDict


class LFUCache:

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.entries = {}  # key -> [value, count]
        self.buckets = defaultdict(OrderedDict)  # count -> keys, oldest use first
        self.min_count = 0

    def _touch(self, key: int) -> None:
        entry = self.entries[key]
        count = entry[1]
        bucket = self.buckets[count]
        del bucket[key]
        if not bucket:
            del self.buckets[count]
            if self.min_count == count:
                self.min_count = count + 1
        entry[1] = count + 1
        self.buckets[count + 1][key] = None

    def get(self, key: int) -> int:
        if key not in self.entries:
            return -1
        self._touch(key)
        return self.entries[key][0]

    def put(self, key: int, value: int) -> None:
        if key in self.entries:
            self.entries[key][0] = value
            self._touch(key)
            return
        if len(self.entries) == self.capacity:
            bucket = self.buckets[self.min_count]
            old, _ = bucket.popitem()
            if not bucket:
                del self.buckets[self.min_count]
            del self.entries[old]
        self.entries[key] = [value, 1]
        self.buckets[1][key] = None
        self.min_count = 1
