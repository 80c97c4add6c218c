#pragma once

// The text conversions of the pickle parser (internal to core/readers): a pickle's str is UTF-8,
// Python 2's str and numpy's raw data pickled as text are Latin-1.
#include <QByteArray>
#include <QByteArrayView>

namespace tc::core::pickle {

// Strict UTF-8 check (Python's unpickler rejects malformed text too); ASCII runs are the fast path.
bool isValidUtf8(const uchar *p, qint64 n);
// A Python 2 str read with encoding='latin1': every byte is one code point.
QByteArray latin1ToUtf8(QByteArrayView latin1);
// str.encode('latin1') of valid UTF-8: false when a code point is 256 or above.
bool utf8ToLatin1(const QByteArray &utf8, QByteArray *out);

} // namespace tc::core::pickle
