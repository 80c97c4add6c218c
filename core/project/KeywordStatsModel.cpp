#include "core/project/KeywordStatsModel.h"

#include "core/project/Project.h"

namespace tc::core {

namespace {
// internalId of a class row; keyword rows carry their class row + 1 (so 0 means "top level").
constexpr quintptr kTopLevel = 0;

qint64 columnValue(const KeywordStats &s, int column)
{
    switch (column) {
    case KeywordStatsModel::CandidatesColumn:
        return s.candidates;
    case KeywordStatsModel::DecidedColumn:
        return s.decided;
    case KeywordStatsModel::AcceptedColumn:
        return s.accepted;
    case KeywordStatsModel::RejectedColumn:
        return s.rejected;
    case KeywordStatsModel::UnsureColumn:
        return s.unsure;
    case KeywordStatsModel::QuotaColumn:
        return s.quota;
    case KeywordStatsModel::CatalogColumn:
        return s.catalogCount;
    default:
        return s.candidates;
    }
}
} // namespace

KeywordStatsModel::KeywordStatsModel(Project *project, QObject *parent) : QAbstractItemModel(parent), m_project(project)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(200);
    connect(&m_timer, &QTimer::timeout, this, &KeywordStatsModel::recount);
    connect(project, &Project::decisionsChanged, this, [this] {
        if (!m_timer.isActive())
            m_timer.start();
    });
    connect(project, &Project::contentsChanged, this, &KeywordStatsModel::reload);
    reload();
}

void KeywordStatsModel::setAnnotator(const QString &annotator)
{
    if (annotator == m_annotator)
        return;
    m_annotator = annotator;
    recount();
}

QList<KeywordStatsModel::ClassNode> KeywordStatsModel::load() const
{
    QList<ClassNode> nodes;
    if (!m_project->isOpen())
        return nodes;
    const auto keywords = m_project->keywordStats(m_annotator);
    for (const auto &total : m_project->classStats(m_annotator)) {
        ClassNode node{total, {}};
        for (const auto &k : keywords)
            if (k.classId == total.classId)
                node.keywords.append(k);
        nodes.append(node);
    }
    return nodes;
}

void KeywordStatsModel::reload()
{
    m_timer.stop();
    beginResetModel();
    m_classes = load();
    endResetModel();
}

void KeywordStatsModel::recount()
{
    m_timer.stop();
    QList<ClassNode> fresh = load();
    // Same structure (only imports change it, and they reload): swap numbers in place so views keep
    // their expansion and selection.
    bool same = fresh.size() == m_classes.size();
    for (int i = 0; same && i < fresh.size(); ++i)
        same = fresh[i].keywords.size() == m_classes[i].keywords.size();
    if (!same) {
        beginResetModel();
        m_classes = fresh;
        endResetModel();
        return;
    }
    m_classes = fresh;
    for (int i = 0; i < m_classes.size(); ++i) {
        emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
        if (!m_classes[i].keywords.isEmpty()) {
            const QModelIndex parent = index(i, 0);
            emit dataChanged(index(0, 0, parent),
                             index(int(m_classes[i].keywords.size()) - 1, ColumnCount - 1, parent));
        }
    }
}

QModelIndex KeywordStatsModel::classIndex(qint64 classId) const
{
    for (int i = 0; i < m_classes.size(); ++i)
        if (m_classes[i].total.classId == classId)
            return index(i, 0);
    return {};
}

QModelIndex KeywordStatsModel::keywordIndex(qint64 keywordId) const
{
    for (int i = 0; i < m_classes.size(); ++i)
        for (int j = 0; j < m_classes[i].keywords.size(); ++j)
            if (m_classes[i].keywords[j].keywordId == keywordId)
                return index(j, 0, index(i, 0));
    return {};
}

const KeywordStats *KeywordStatsModel::node(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    if (index.internalId() == kTopLevel)
        return index.row() < m_classes.size() ? &m_classes[index.row()].total : nullptr;
    const auto &cls = m_classes[int(index.internalId() - 1)];
    return index.row() < cls.keywords.size() ? &cls.keywords[index.row()] : nullptr;
}

KeywordStats KeywordStatsModel::stats(const QModelIndex &index) const
{
    const KeywordStats *s = node(index);
    return s ? *s : KeywordStats{};
}

QModelIndex KeywordStatsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_classes.size() ? createIndex(row, column, kTopLevel) : QModelIndex();
    if (parent.internalId() != kTopLevel || parent.row() >= m_classes.size())
        return {};
    if (row >= m_classes[parent.row()].keywords.size())
        return {};
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex KeywordStatsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kTopLevel)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kTopLevel);
}

int KeywordStatsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_classes.size());
    if (parent.column() != 0 || parent.internalId() != kTopLevel)
        return 0;
    return int(m_classes[parent.row()].keywords.size());
}

int KeywordStatsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant KeywordStatsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const KeywordStats *s = node(index);
    if (!s)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == NameColumn)
            return s->keywordId ? s->keyword : s->className;
        return columnValue(*s, index.column());
    case Qt::TextAlignmentRole:
        return index.column() == NameColumn ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case ClassIdRole:
        return s->classId;
    case KeywordIdRole:
        return s->keywordId;
    case AbsentRole:
        return s->absent;
    case ValueRole:
        return columnValue(*s, index.column());
    case FillRole:
        return s->quota > 0 ? double(s->accepted) / double(s->quota) : 0.0;
    default:
        return {};
    }
}

QVariant KeywordStatsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {QT_TR_NOOP("Class / keyword"), QT_TR_NOOP("Candidates"), QT_TR_NOOP("Decided"),
                                        QT_TR_NOOP("Accepted"),        QT_TR_NOOP("Rejected"),   QT_TR_NOOP("Unsure"),
                                        QT_TR_NOOP("Quota"),           QT_TR_NOOP("Catalog")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace tc::core
