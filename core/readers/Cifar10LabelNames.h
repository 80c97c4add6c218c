#pragma once

#include <QString>
#include <QStringList>

namespace tc::core {

struct ImageSet;

// CIFAR-10's class names in label order, as its batches.meta lists them.
const QStringList &cifar10LabelNames();

// CIFAR-10.1 (cifar10.1_v6_data.npy + _labels.npy) and CIFAR-10.2 (cifar102_train.npz) carry labels
// in CIFAR-10's label space but no names. When `path` names such a file (its name starts with
// "cifar10" but not "cifar100"), `set` has labels and no names, and every label is below 10, the
// names become CIFAR-10's, so a reviewer sees "cat" instead of label 3. Anything else is left as is.
void nameCifar10Labels(const QString &path, ImageSet &set);

} // namespace tc::core
