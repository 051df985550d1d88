"""council: privacy notice details (data controller, data protection contact)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-09 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('council', schema=None) as batch_op:
        batch_op.add_column(sa.Column('privacy_controller', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('privacy_contact', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('council', schema=None) as batch_op:
        batch_op.drop_column('privacy_contact')
        batch_op.drop_column('privacy_controller')
