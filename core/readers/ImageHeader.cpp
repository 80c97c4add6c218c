#include "core/readers/ImageHeader.h"

namespace tc::core {

namespace {

// Readers of fixed-width integers at an offset; callers check the length first.
quint32 hdrBe(QByteArrayView b, qsizetype at, int bytes)
{
    quint32 v = 0;
    for (int i = 0; i < bytes; ++i)
        v = (v << 8) | uchar(b[at + i]);
    return v;
}

quint32 hdrLe(QByteArrayView b, qsizetype at, int bytes)
{
    quint32 v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | uchar(b[at + i]);
    return v;
}

QString probePng(QByteArrayView b, ImageHeader *h)
{
    // Signature, then the IHDR chunk: length, "IHDR", width, height (big-endian).
    if (b.size() < 24 || b.sliced(12, 4) != QByteArrayView("IHDR"))
        return QStringLiteral("damaged PNG header (no IHDR chunk first)");
    h->width = hdrBe(b, 16, 4);
    h->height = hdrBe(b, 20, 4);
    return {};
}

bool isJpegFrameMarker(int m)
{
    // SOF0-3, 5-7, 9-11, 13-15 (0xC4 is DHT, 0xC8 JPG, 0xCC DAC).
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

QString probeJpeg(QByteArrayView b, ImageHeader *h)
{
    qsizetype p = 2; // after SOI
    while (p + 4 <= b.size()) {
        if (uchar(b[p]) != 0xFF)
            return QStringLiteral("damaged JPEG header (no marker at byte %1)").arg(p);
        while (p < b.size() && uchar(b[p]) == 0xFF) // fill bytes
            ++p;
        if (p >= b.size())
            break;
        const int marker = uchar(b[p++]);
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8))
            continue; // no length
        if (marker == 0xD9 || marker == 0xDA)
            return QStringLiteral("JPEG without a frame header before its image data");
        if (p + 2 > b.size())
            break;
        const qsizetype length = hdrBe(b, p, 2);
        if (length < 2)
            return QStringLiteral("damaged JPEG header (segment length %1)").arg(length);
        if (isJpegFrameMarker(marker)) {
            if (p + 7 > b.size())
                break;
            h->height = hdrBe(b, p + 3, 2);
            h->width = hdrBe(b, p + 5, 2);
            return {};
        }
        p += length;
    }
    return QStringLiteral("truncated JPEG header (no frame header)");
}

QString probeBmp(QByteArrayView b, ImageHeader *h)
{
    if (b.size() < 26)
        return QStringLiteral("truncated BMP header");
    const quint32 dib = hdrLe(b, 14, 4);
    if (dib == 12) { // OS/2 BITMAPCOREHEADER: 16-bit unsigned sizes
        h->width = hdrLe(b, 18, 2);
        h->height = hdrLe(b, 20, 2);
        return {};
    }
    if (dib < 40 || b.size() < 26)
        return QStringLiteral("damaged BMP header (DIB header of %1 bytes)").arg(dib);
    h->width = qint32(hdrLe(b, 18, 4));
    h->height = qint32(hdrLe(b, 22, 4));
    if (h->height < 0) // negative height: rows stored top-down
        h->height = -h->height;
    return {};
}

QString probePnm(QByteArrayView b, ImageHeader *h)
{
    // "P6 640 480 255": whitespace-separated decimal numbers, '#' starts a comment to end of line.
    qsizetype p = 2;
    qint64 values[2] = {};
    for (qint64 &v : values) {
        for (;;) {
            while (p < b.size() &&
                   (b[p] == ' ' || b[p] == '\t' || b[p] == '\n' || b[p] == '\r' || b[p] == '\f' || b[p] == '\v'))
                ++p;
            if (p < b.size() && b[p] == '#') {
                while (p < b.size() && b[p] != '\n')
                    ++p;
                continue;
            }
            break;
        }
        if (p >= b.size() || b[p] < '0' || b[p] > '9')
            return QStringLiteral("damaged PNM header");
        while (p < b.size() && b[p] >= '0' && b[p] <= '9') {
            v = v * 10 + (b[p++] - '0');
            if (v > (qint64(1) << 32))
                return QStringLiteral("PNM header declares an absurd size");
        }
    }
    h->width = values[0];
    h->height = values[1];
    return {};
}

QString probeWebp(QByteArrayView b, ImageHeader *h)
{
    if (b.size() < 30)
        return QStringLiteral("truncated WebP header");
    const QByteArrayView chunk = b.sliced(12, 4);
    if (chunk == QByteArrayView("VP8 ")) {
        if (hdrBe(b, 23, 3) != 0x9D012A)
            return QStringLiteral("damaged WebP (VP8) header");
        h->width = hdrLe(b, 26, 2) & 0x3FFF;
        h->height = hdrLe(b, 28, 2) & 0x3FFF;
        return {};
    }
    if (chunk == QByteArrayView("VP8L")) {
        if (uchar(b[20]) != 0x2F)
            return QStringLiteral("damaged WebP (VP8L) header");
        const quint32 bits = hdrLe(b, 21, 4);
        h->width = (bits & 0x3FFF) + 1;
        h->height = ((bits >> 14) & 0x3FFF) + 1;
        return {};
    }
    if (chunk == QByteArrayView("VP8X")) {
        h->width = qint64(hdrLe(b, 24, 3)) + 1;
        h->height = qint64(hdrLe(b, 27, 3)) + 1;
        return {};
    }
    return QStringLiteral("WebP with an unknown first chunk");
}

QString probeTiff(QByteArrayView b, ImageHeader *h)
{
    const bool little = b[0] == 'I';
    const auto u = [&](qsizetype at, int bytes) { return little ? hdrLe(b, at, bytes) : hdrBe(b, at, bytes); };
    const qsizetype ifd = u(4, 4);
    if (ifd < 8 || ifd + 2 > b.size())
        return QStringLiteral("damaged TIFF header (first directory at %1)").arg(ifd);
    const qsizetype entries = u(ifd, 2);
    for (qsizetype i = 0; i < entries; ++i) {
        const qsizetype e = ifd + 2 + 12 * i;
        if (e + 12 > b.size())
            return QStringLiteral("truncated TIFF directory");
        const quint32 tag = u(e, 2), type = u(e + 2, 2);
        if (tag != 256 && tag != 257)
            continue;
        // SHORT (3) or LONG (4), one value, stored in the entry itself.
        const qint64 value = type == 3 ? u(e + 8, 2) : type == 4 ? u(e + 8, 4) : -1;
        if (value < 0)
            return QStringLiteral("damaged TIFF directory (size of type %1)").arg(type);
        (tag == 256 ? h->width : h->height) = value;
    }
    if (h->width == 0 || h->height == 0)
        return QStringLiteral("TIFF without an image width and length");
    return {};
}

} // namespace

QString ImageHeader::formatName(Format format)
{
    switch (format) {
    case Format::Png:
        return QStringLiteral("PNG");
    case Format::Jpeg:
        return QStringLiteral("JPEG");
    case Format::Bmp:
        return QStringLiteral("BMP");
    case Format::Pnm:
        return QStringLiteral("PNM");
    case Format::WebP:
        return QStringLiteral("WebP");
    case Format::Tiff:
        return QStringLiteral("TIFF");
    case Format::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

bool ImageHeader::probe(QByteArrayView b)
{
    *this = ImageHeader{};
    QString problem;
    if (b.startsWith("\x89PNG\r\n\x1a\n")) {
        format = Format::Png;
        problem = probePng(b, this);
    } else if (b.startsWith("\xFF\xD8\xFF")) {
        format = Format::Jpeg;
        problem = probeJpeg(b, this);
    } else if (b.startsWith("BM")) {
        format = Format::Bmp;
        problem = probeBmp(b, this);
    } else if (b.size() >= 3 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6' &&
               (b[2] == ' ' || b[2] == '\t' || b[2] == '\n' || b[2] == '\r')) {
        format = Format::Pnm;
        problem = probePnm(b, this);
    } else if (b.size() >= 12 && b.startsWith("RIFF") && b.sliced(8, 4) == QByteArrayView("WEBP")) {
        format = Format::WebP;
        problem = probeWebp(b, this);
    } else if (b.size() >= 8 &&
               (b.startsWith(QByteArrayView("II*\0", 4)) || b.startsWith(QByteArrayView("MM\0*", 4)))) {
        format = Format::Tiff;
        problem = probeTiff(b, this);
    } else {
        return fail(QStringLiteral("not a PNG, JPEG, BMP, PNM, WebP or TIFF image"));
    }
    if (!problem.isEmpty())
        return fail(problem);
    if (width <= 0 || height <= 0)
        return fail(QStringLiteral("%1 header declares %2 x %3 pixels").arg(formatName(format)).arg(width).arg(height));
    return true;
}

bool ImageHeader::checkDecodable(QByteArrayView bytes)
{
    if (!probe(bytes))
        return false;
    if (width > kMaxSide || height > kMaxSide)
        return fail(QStringLiteral("%1 of %2 x %3 pixels: images larger than %4 x %4 are refused before "
                                   "decoding")
                        .arg(formatName(format))
                        .arg(width)
                        .arg(height)
                        .arg(kMaxSide));
    return true;
}

bool ImageHeader::fail(const QString &problem)
{
    m_error = problem;
    return false;
}

} // namespace tc::core
