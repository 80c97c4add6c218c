#pragma once

#include <cstdint>

namespace tc::core {

// CIFAR rows store an image as three 1024-byte planes (R, G, B), each row-major; the canonical
// form is interleaved HWC. These convert one 3072-byte image between the two.
void hwcToCifarRow(const std::uint8_t *hwc, std::uint8_t *row);
void cifarRowToHwc(const std::uint8_t *row, std::uint8_t *hwc);

} // namespace tc::core
