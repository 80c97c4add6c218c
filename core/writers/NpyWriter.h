#pragma once

#include "core/common/ImageSet.h"
#include "core/writers/ImageRows.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QIODevice>
#include <QString>
#include <QStringList>
#include <span>
#include <vector>

namespace tc::core {

// One array ready for .npy output: dtype descr, shape and C-order data. The data either lives
// in `owned`, is borrowed from the caller, or is gathered from ImageRows while writing (pixels
// are never copied up front), so an NpyArray must not outlive what it borrows.
struct NpyArray final {
    QByteArray descr; // numpy dtype.str: '|u1', '<i8', '<i4', '<U12'
    std::vector<qint64> shape;
    QByteArray owned;
    QByteArrayView borrowed;
    const ImageRows *gathered = nullptr;

    // The data in one piece; not for gathered arrays (use forEachChunk()).
    QByteArrayView data() const { return borrowed.isNull() ? QByteArrayView(owned) : borrowed; }
    qint64 byteSize() const;
    // Calls fn with the data in order, in one or more pieces.
    void forEachChunk(const std::function<void(QByteArrayView)> &fn) const;

    // Canonical images as (N, 32, 32, 3) uint8: exactly the ImageSet's HWC bytes.
    static NpyArray images(const ImageSet &set);
    // The same from chosen rows of a set, gathered while writing.
    static NpyArray images(const ImageRows &rows);
    static NpyArray int64s(std::span<const qint64> values);
    static NpyArray int64s(std::span<const int> values);
    static NpyArray int32s(std::span<const int> values);
    // Fixed-width unicode '<U<n>' (UCS-4 little endian, n = longest string, at least 1), which
    // loads without pickle, unlike an object array.
    static NpyArray strings(const QStringList &values);
};

// Writes NumPy .npy format version 1.0: magic, version, a little-endian 16-bit header length and
// a Python dict literal padded with spaces and '\n' so the data starts at a multiple of 64 bytes.
class NpyWriter final {
public:
    static QByteArray header(const NpyArray &array);
    bool write(QIODevice *device, const NpyArray &array);
    QString errorString() const { return m_error; }

private:
    QString m_error;
};

} // namespace tc::core
