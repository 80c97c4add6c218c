#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace tc::core {

// A numpy element type reduced to what the readers need: byte order, kind and item size.
// Parsed from numpy "descr" strings ("|u1", "<i8", ">U12") as .npy headers and pickles carry them.
struct DType final {
    char byteOrder = '|'; // '<' little, '>' big, '|' not applicable
    char kind = 0;        // 'u', 'i', 'f', 'b', 'U', 'S', 'O', ...
    int itemSize = 0;     // bytes per element (a '<U10' has itemSize 40)

    // Accepts an optional byte-order prefix ('<', '>', '|', '='); '=' means this (little-endian) host.
    static bool parse(const QByteArray &descr, DType *out);
    QString descr() const;
    bool isInteger() const { return kind == 'u' || kind == 'i' || kind == 'b'; }
    bool isBigEndian() const { return byteOrder == '>' && itemSize > 1; }
};

// An n-dimensional numpy array as it came out of a file: element type, shape, order and raw bytes.
struct NdArray final {
    DType dtype;
    std::vector<qint64> shape;
    bool fortranOrder = false;
    QByteArray data; // exactly elementCount() * dtype.itemSize bytes once validated

    // Product of the shape, or -1 when it overflows 64 bits.
    qint64 elementCount() const;
    QString shapeString() const; // "(500, 3072)" for messages
};

// The checks and conversions shared by the pickle and numpy readers. Each returns false with
// errorString() (without the file name; callers prefix it) when the array is not of a kind the
// conversion accepts.
//
//     NdArrayConverter convert;
//     if (!convert.toIntegers(labels, &values))
//         return fail(path, convert.errorString());
class NdArrayConverter final {
public:
    // Checks data size against shape and item size.
    bool validate(const NdArray &a);
    // Integer array of any width/byte order, 1-D (or N-D flattened in C order), to 64-bit values.
    bool toIntegers(const NdArray &a, std::vector<qint64> *out);
    // 1-D '<U' or '|S' array to strings (numpy pads with NULs, which are stripped).
    bool toStrings(const NdArray &a, QStringList *out);
    // uint8 images (N,32,32,3) in C or Fortran order to canonical HWC pixels.
    bool nhwcToCanonical(const NdArray &a, std::vector<std::uint8_t> *pixels);
    // CIFAR python rows: uint8 (N,3072) planes R,G,B each row-major (also (N,3,32,32)) to canonical
    // HWC, resized into *pixels.
    bool cifarRowsToCanonical(const NdArray &a, std::vector<std::uint8_t> *pixels);
    // The same into caller-owned memory of N * 3072 bytes; with dst null, only checks type and shape.
    bool cifarRowsInto(const NdArray &a, std::uint8_t *dst);

    QString errorString() const { return m_error; }

private:
    bool fail(const QString &message);

    QString m_error;
};

namespace ndarray {

// The array's bytes in C (row-major) order, transposing Fortran-ordered data.
QByteArray cOrderBytes(const NdArray &a);

} // namespace ndarray
} // namespace tc::core
