"""comment moderation: held, released or hidden, and snapshots naming their comments

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08 10:00:00.000000

"""
from collections import defaultdict

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

_snapshots = sa.table(
    'results_snapshot',
    sa.column('assessment_id', sa.Integer()),
    sa.column('content', sa.JSON()),
)


def upgrade():
    with op.batch_alter_table('theme_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('moderation', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('moderation_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('moderated_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('moderated_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_theme_entry_moderated_by_id_user_account'), 'user_account', ['moderated_by_id'], ['id'], ondelete='SET NULL')
        batch_op.create_check_constraint(batch_op.f('ck_theme_entry_moderation'), "moderation IN ('held', 'released', 'hidden')")
    _name_snapshot_comments()


def downgrade():
    _unname_snapshot_comments()
    with op.batch_alter_table('theme_entry', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_theme_entry_moderation'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_theme_entry_moderated_by_id_user_account'), type_='foreignkey')
        batch_op.drop_column('moderated_at')
        batch_op.drop_column('moderated_by_id')
        batch_op.drop_column('moderation_reason')
        batch_op.drop_column('moderation')


def _name_snapshot_comments():
    # Snapshots of format 1 hold comments as bare text; format 2 names each one's theme
    # entry, so its moderation can be read when it is shown. Each text is matched to a
    # submitted entry of the same assessment and theme with that very text (a closed
    # assessment's submitted comments do not change); one that matches none is left
    # out rather than shown unmoderated.
    connection = op.get_bind()
    for assessment_id, content in connection.execute(sa.select(_snapshots)).all():
        if content.get('format') != 1:
            continue
        rows = connection.execute(
            sa.text(
                'SELECT theme_entry.id, theme_entry.theme_id, theme_entry.comment '
                'FROM theme_entry JOIN response ON response.id = theme_entry.response_id '
                'WHERE response.assessment_id = :assessment '
                'AND response.submitted_at IS NOT NULL AND theme_entry.comment IS NOT NULL '
                'ORDER BY theme_entry.id'
            ),
            {'assessment': assessment_id},
        ).all()
        unused = defaultdict(list)
        for entry_id, theme_id, comment in rows:
            unused[(theme_id, comment)].append(entry_id)
        named = {}
        for theme_id, texts in content['comments'].items():
            kept = [
                {'entry': unused[(theme_id, text)].pop(0), 'text': text}
                for text in texts
                if unused[(theme_id, text)]
            ]
            if kept:
                named[theme_id] = kept
        _write(connection, assessment_id, {**content, 'format': 2, 'comments': named})


def _unname_snapshot_comments():
    # Format 1 shows every comment it holds, so those held or hidden are left out of it.
    connection = op.get_bind()
    withheld = set(
        connection.scalars(
            sa.text("SELECT id FROM theme_entry WHERE moderation IN ('held', 'hidden')")
        )
    )
    for assessment_id, content in connection.execute(sa.select(_snapshots)).all():
        if content.get('format') != 2:
            continue
        texts = {
            t: [c['text'] for c in comments if c['entry'] not in withheld]
            for t, comments in content['comments'].items()
        }
        texts = {t: kept for t, kept in texts.items() if kept}
        _write(connection, assessment_id, {**content, 'format': 1, 'comments': texts})


def _write(connection, assessment_id, content):
    connection.execute(
        _snapshots.update()
        .where(_snapshots.c.assessment_id == assessment_id)
        .values(content=content)
    )
