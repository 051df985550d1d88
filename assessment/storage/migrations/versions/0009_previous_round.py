"""assessment: the previous round, to compare with

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 20:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('previous_assessment_id', sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f('ix_assessment_previous_assessment_id'), ['previous_assessment_id'], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f('fk_assessment_previous_assessment_id_assessment'),
            'assessment', ['previous_assessment_id'], ['id'], ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_assessment_previous_assessment_id_assessment'), type_='foreignkey'
        )
        batch_op.drop_index(batch_op.f('ix_assessment_previous_assessment_id'))
        batch_op.drop_column('previous_assessment_id')
