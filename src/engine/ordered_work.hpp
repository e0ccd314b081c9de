// Work spread over threads whose results are used in order: the driver's
// inputs, and the batches of documents of one long input.
#pragma once

#include <cstddef>
#include <functional>

namespace podlint {

// Runs work(i) for every i < count on `jobs` threads (the calling thread
// one of them) and deliver(i) on the calling thread in order of i, each as
// soon as work(i) and every earlier delivery are done. Work runs at most
// 16 items a job ahead of the deliveries, so that finished work waiting for
// an earlier, slower item holds little memory. An exception thrown by work(i) is rethrown at i's
// delivery. With one job, work(i) and deliver(i) alternate on the calling
// thread.
void in_order(size_t count, unsigned jobs, const std::function<void(size_t)>& work,
              const std::function<void(size_t)>& deliver);

}  // namespace podlint
