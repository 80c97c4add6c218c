#include "core/readers/Cifar10LabelNames.h"

#include "core/common/ImageSet.h"

#include <QFileInfo>
#include <algorithm>

namespace tc::core {

const QStringList &cifar10LabelNames()
{
    static const QStringList names = {QStringLiteral("airplane"), QStringLiteral("automobile"), QStringLiteral("bird"),
                                      QStringLiteral("cat"),      QStringLiteral("deer"),       QStringLiteral("dog"),
                                      QStringLiteral("frog"),     QStringLiteral("horse"),      QStringLiteral("ship"),
                                      QStringLiteral("truck")};
    return names;
}

void nameCifar10Labels(const QString &path, ImageSet &set)
{
    const QString file = QFileInfo(path).fileName().toLower();
    if (!file.startsWith(QLatin1String("cifar10")) || file.startsWith(QLatin1String("cifar100")))
        return;
    if (set.labels.empty() || !set.labelNames.isEmpty())
        return;
    const auto [low, high] = std::minmax_element(set.labels.begin(), set.labels.end());
    if (*low >= 0 && *high < cifar10LabelNames().size())
        set.labelNames = cifar10LabelNames();
}

} // namespace tc::core
