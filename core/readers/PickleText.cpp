#include "core/readers/PickleText.h"

#include <QString>

namespace tc::core::pickle {

bool isValidUtf8(const uchar *p, qint64 n)
{
    qint64 i = 0;
    while (i < n) {
        const uchar c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        quint32 cp = 0;
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (n - i <= extra)
            return false;
        for (int k = 1; k <= extra; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        static constexpr quint32 minimum[] = {0, 0x80, 0x800, 0x10000};
        if (cp < minimum[extra] || cp > 0x10FFFF)
            return false; // overlong or out of range
        i += extra + 1;
    }
    return true;
}

QByteArray latin1ToUtf8(QByteArrayView latin1)
{
    return QString::fromLatin1(latin1).toUtf8();
}

// str.encode('latin1'): every code point must be below 256.
bool utf8ToLatin1(const QByteArray &utf8, QByteArray *out)
{
    out->resize(utf8.size());
    const auto *p = reinterpret_cast<const uchar *>(utf8.constData());
    char *dst = out->data();
    qint64 n = 0;
    for (qint64 i = 0; i < utf8.size();) {
        const uchar c = p[i];
        if (c < 0x80) {
            dst[n++] = char(c);
            ++i;
        } else if ((c & 0xE0) == 0xC0 && i + 1 < utf8.size() && c <= 0xC3) {
            dst[n++] = char(((c & 0x1F) << 6) | (p[i + 1] & 0x3F));
            i += 2;
        } else {
            return false;
        }
    }
    out->resize(n);
    return true;
}

} // namespace tc::core::pickle
