#pragma once

#include "core/export/ExportInput.h"

#include <QString>
#include <QStringList>

namespace tc::core {

class Project;

// CIFAR-100 style exports: when every class of the project has a superclass, each class gets a
// coarse label, an index into the superclass names sorted by code point (CIFAR-100's own
// coarse_label_names are sorted, like its fine_label_names). Then ImageSet::coarseLabels and
// coarseLabelNames are filled, and the writers produce CIFAR-100 layouts: python train/test/meta,
// binary <coarse><fine><3072 bytes>, npz coarse_labels + coarse_label_names, manifest superclass
// columns. With no superclass at all nothing changes (CIFAR-10 style).
class CoarseLabels final {
public:
    // Sets ExportClass::superclass/coarseLabel of input.classes and input.coarseLabelNames from
    // the project. False with errorString() when some classes have a superclass and others do not
    // (an export cannot silently drop or invent coarse labels).
    bool assign(Project &project, ExportInput &input);
    QString errorString() const { return m_error; }

    // The coarse label names: the distinct non-empty superclasses, sorted (index = coarse label).
    static QStringList names(const QStringList &superclasses);

private:
    QString m_error;
};

} // namespace tc::core
