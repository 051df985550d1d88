"""target: the score leaders aim for in a theme by the next round

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 20:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.String(length=100), nullable=False),
    sa.Column('tenths', sa.SmallInteger(), nullable=False),
    sa.Column('set_by_id', sa.Integer(), nullable=True),
    sa.Column('set_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('tenths BETWEEN 10 AND 50', name=op.f('ck_target_tenths')),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_target_assessment_id_assessment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['set_by_id'], ['user_account.id'], name=op.f('fk_target_set_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_target')),
    sa.UniqueConstraint('assessment_id', 'theme_id', name=op.f('uq_target_assessment_id_theme_id'))
    )


def downgrade():
    op.drop_table('target')
