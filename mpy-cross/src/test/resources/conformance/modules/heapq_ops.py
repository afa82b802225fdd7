import heapq
h = []
for v in [5, 1, 8, 3, 9, 2]:
    heapq.heappush(h, v)
print(h[0], [heapq.heappop(h) for _ in range(len(h))])
data = [9, 4, 7, 1, 8]
heapq.heapify(data)
print(data[0], heapq.heappop(data), heapq.heappop(data))
pq = []
for pri, task in [(3, "low"), (1, "urgent"), (2, "normal")]:
    heapq.heappush(pq, (pri, task))
while pq:
    print(heapq.heappop(pq))
try:
    heapq.heappop([])
except IndexError:
    print("IndexError")
