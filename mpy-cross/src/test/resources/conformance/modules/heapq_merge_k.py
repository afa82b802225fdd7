import heapq
lists = [[1, 4, 7], [2, 5, 8], [0, 3, 9]]
h = []
for i, l in enumerate(lists):
    heapq.heappush(h, (l[0], i, 0))
out = []
while h:
    v, li, ei = heapq.heappop(h)
    out.append(v)
    if ei + 1 < len(lists[li]):
        heapq.heappush(h, (lists[li][ei + 1], li, ei + 1))
print(out)
nums = [15, 3, 99, 42, 7, 8]
heapq.heapify(nums)
smallest = [heapq.heappop(nums) for _ in range(3)]
print(smallest)
