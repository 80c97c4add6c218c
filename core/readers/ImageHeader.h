#pragma once

#include <QByteArrayView>
#include <QString>

namespace tc::core {

// What an image file's header declares, read from its first bytes without decoding anything: the
// format and the size in pixels. A decoder allocates what the header declares, so a 2.6 MB PNG
// declaring 30000 x 30000 pixels costs 2.7 GB before a single pixel is checked (OpenCV's own
// limit is 2^30 pixels); this probe lets the readers refuse such a file first.
//
// Only the formats the image readers accept are recognised, each by the same signature OpenCV's
// decoder looks for: PNG, JPEG (baseline, progressive, lossless), BMP (Windows and OS/2 headers),
// PNM (P1-P6), WebP (VP8, VP8L, VP8X) and TIFF (classic, first image). Anything else (JPEG 2000,
// OpenEXR, Radiance HDR, BigTIFF, ...) is Unknown, and readers refuse it rather than hand it to a
// decoder whose header they cannot check.
struct ImageHeader {
    enum class Format { Unknown, Png, Jpeg, Bmp, Pnm, WebP, Tiff };

    // Larger images are refused before decoding: a 32x32 dataset has no use for them, and
    // 4096 x 4096 x 3 bytes (48 MB) bounds what one decode allocates.
    static constexpr qint64 kMaxSide = 4096;

    Format format = Format::Unknown;
    qint64 width = 0, height = 0;

    // Reads the header into format, width and height. False with errorString() (no path: the
    // caller adds it) when the bytes are none of the formats above, the header is damaged, or it
    // declares no pixels.
    //
    //     ImageHeader header;
    //     if (!header.checkDecodable(bytes))
    //         return fail(header.errorString());
    bool probe(QByteArrayView bytes);
    // probe() and the size limit: false with errorString() when the image must not be decoded.
    bool checkDecodable(QByteArrayView bytes);
    QString errorString() const { return m_error; }
    static QString formatName(Format format);

private:
    bool fail(const QString &problem);

    QString m_error;
};

} // namespace tc::core
