"""action: the action plan as real actions; dropped_suggestion: steps leaders dropped

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 20:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.String(length=60), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('measure', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('suggested_from', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('planned', 'in_progress', 'done', 'dropped')", name=op.f('ck_action_status')),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_action_assessment_id_assessment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_action_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_action_updated_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action'))
    )
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_assessment_id'), ['assessment_id'], unique=False)

    op.create_table('dropped_suggestion',
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('suggestion', sa.String(length=40), nullable=False),
    sa.Column('dropped_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('dropped_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_dropped_suggestion_assessment_id_assessment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['dropped_by_id'], ['user_account.id'], name=op.f('fk_dropped_suggestion_dropped_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('assessment_id', 'suggestion', name=op.f('pk_dropped_suggestion'))
    )


def downgrade():
    op.drop_table('dropped_suggestion')
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_assessment_id'))
    op.drop_table('action')
